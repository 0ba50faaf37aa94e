using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The simulator's lists: pages behind an opaque cursor that stay correct under changes, and the limits a page may have.</summary>
public sealed class MobieTrainSimulatorPagingTests
{
    private const string Account = SimulatorApi.Account;

    [Test]
    public async Task Lists_PageWithAnOpaqueCursorOf100ByDefault_AndStayCorrectUnderChanges()
    {
        await using var api = await SimulatorApi.StartAsync();
        var ids = Enumerable.Range(0, 250).Select(i => api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = $"G{i}" }).Id).ToList();

        var first = await api.GetAsync("/user-groups");
        api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Id = "late", Name = "Added while paging" });
        var second = await api.GetAsync($"/user-groups?cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var third = await api.GetAsync($"/user-groups?cursor={Uri.EscapeDataString(second.NextCursor!)}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ItemIds, Is.EqualTo(ids.Take(100)));
            Assert.That(first.NextCursor, Does.Not.Match("^[0-9]+$"), "opaque, not an offset");
            Assert.That(second.ItemIds, Is.EqualTo(ids.Skip(100).Take(100)));
            Assert.That(third.ItemIds, Is.EqualTo(ids.Skip(200).Append("late")));
            Assert.That(third.Body!.AsObject().ContainsKey("nextCursor"), Is.True);
            Assert.That(third.NextCursor, Is.Null);
        }
    }

    [Test]
    public async Task RecordDeletedBetweenPages_MovesNothingElse()
    {
        await using var api = await SimulatorApi.StartAsync();
        var ids = Enumerable.Range(0, 5).Select(i => api.Simulator.SeedUser(Account, new MobieTrainUserResource { FirstName = "A", LastName = $"{i}" }).Id).ToList();

        var first = await api.GetAsync("/users?limit=2");
        await api.DeleteAsync($"/users/{ids[0]}");
        await api.DeleteAsync($"/users/{ids[2]}");
        var second = await api.GetAsync($"/users?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.That(first.ItemIds, Is.EqualTo(ids.Take(2)));
        Assert.That(second.ItemIds, Is.EqualTo(new[] { ids[3], ids[4] }), "nothing skipped, nothing twice");
        Assert.That(second.NextCursor, Is.Null);
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("-5")]
    [TestCase("ten")]
    public async Task LimitOutside1To1000_Is400(string limit)
    {
        await using var api = await SimulatorApi.StartAsync();

        var answer = await api.GetAsync($"/invitations?limit={limit}");

        Assert.That((answer.Status, answer.ErrorCode), Is.EqualTo((400, "invalid_request")));
        Assert.That(answer.ErrorMessage, Does.Contain("limit"));
    }

    [Test]
    public async Task Limits1And1000_AreServed_AndAForeignCursorIs400()
    {
        await using var api = await SimulatorApi.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = $"G{i}" });
        }

        var one = await api.GetAsync("/user-groups?limit=1");
        var thousand = await api.GetAsync("/user-groups?limit=1000");
        var foreign = await api.GetAsync($"/users?cursor={Uri.EscapeDataString(one.NextCursor!)}");
        var garbage = await api.GetAsync("/users?cursor=%%%");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.ItemIds, Has.Count.EqualTo(1));
            Assert.That(thousand.ItemIds, Has.Count.EqualTo(3));
            Assert.That(thousand.NextCursor, Is.Null);
            Assert.That(foreign.Status, Is.EqualTo(400), "a groups cursor on the users list");
            Assert.That(garbage.Status, Is.EqualTo(400));
        }
    }
}
