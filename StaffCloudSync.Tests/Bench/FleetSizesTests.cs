using StaffCloudSync.Sandbox.Bench;

namespace StaffCloudSync.Tests.Bench;

/// <summary>
/// The fleet suite's tenants follow the distribution it states (<see cref="FleetSizes.Distribution"/>) and are the same
/// for the same seed, so two runs of <c>sandbox bench --suite fleet</c> measure the same fleet. Nothing here is timed.
/// </summary>
public class FleetSizesTests
{
    [Test]
    public void Draw_IsTheSameForTheSameSeed()
    {
        var first = FleetSizes.Draw(200, 25);
        var again = FleetSizes.Draw(200, 25);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(FleetSizes.Draw(200, 26), Is.Not.EqualTo(first));
    }

    [Test]
    public void Draw_FollowsTheStatedBands()
    {
        var sizes = FleetSizes.Draw(5_000, 25);
        var small = sizes.Count(s => s is >= 100 and <= 1_000) / (double)sizes.Count;
        var large = sizes.Count(s => s is >= 10_000 and <= 20_000) / (double)sizes.Count;

        Assert.Multiple(() =>
        {
            Assert.That(sizes, Has.All.InRange(100, 20_000));
            Assert.That(sizes.Where(s => s is > 5_000 and < 10_000), Is.Empty);
            Assert.That(small, Is.InRange(0.82, 0.88), "85 % small, so most of the fleet");
            Assert.That(large, Is.InRange(0.02, 0.04), "3 % large, a few");
        });
    }

    [Test]
    public void Draw_AlwaysHasALargeTenant_AndScalesEveryTenantDown()
    {
        var full = FleetSizes.Draw(5, 7);
        var scaled = FleetSizes.Draw(5, 7, scale: 10);

        Assert.That(full.Max(), Is.GreaterThanOrEqualTo(10_000));
        Assert.That(scaled, Is.EqualTo(full.Select(s => Math.Max(10, s / 10))));
    }
}
