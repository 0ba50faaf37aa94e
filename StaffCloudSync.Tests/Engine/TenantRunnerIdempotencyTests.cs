using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>Runs over the same data: a second run writes nothing, and the run after one that failed half-way finishes it without duplicates.</summary>
public class TenantRunnerIdempotencyTests
{
    [Test]
    public async Task Idempotent_SecondRunOverUnchangedData_MakesZeroWrites()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans()
            .Eligible(1).Event(11, "Gala", "2026-04-01 18:00:00", "2026-04-01 23:00:00").Assignment(1, 11)
            .Employee(2, last: "New").User("2", last: "Old", groups: "g-x").Group("g-x", "Managers")
            .Employee(5, status: 5).User("5").Employee(6).Invitation("6", createdAt: Plans.Now.AddYears(-1)));
        var first = await sync.RunAsync();
        var writes = sync.MobieTrain.Writes;

        var second = await sync.RunAsync();

        Assert.That(first.Record.Counts.MinimalWrites, Is.EqualTo(writes));
        Assert.That(sync.MobieTrain.Writes, Is.EqualTo(writes), "the second run wrote");
        Assert.That(second.Record.Counts.MinimalWrites, Is.Zero);
        Assert.That(second.Record.Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public async Task OutageWhileApplying_RunFails_NextRunFinishesWithoutDuplicates()
    {
        var plans = new Plans().Event(10).EventGroup(10);
        for (var id = 1; id <= 9; id++)
        {
            plans.Employee(id).Assignment(id, 10);
        }

        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);
        var served = 0;
        sync.MobieTrain.FailWrite = _ => ++served > 1 ? new SyncRunException("acme", SyncFailureKind.Unavailable, "MobieTrain answered 503") : null;

        var failed = await sync.RunAsync();
        sync.MobieTrain.FailWrite = null;
        var finished = await sync.RunAsync();

        Assert.That(failed.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(failed.Record.Reason, Does.Contain("next run finishes"));
        Assert.That(failed.Retryable, Is.True);
        Assert.That(finished.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(failed.Record.Counts.Invited + finished.Record.Counts.Invited, Is.EqualTo(9));
        Assert.That(sync.MobieTrain.Invitations.Select(i => i.ExternalId).Order(), Is.EqualTo(Enumerable.Range(1, 9).Select(i => $"{i}")), "no duplicate, none lost");
    }
}
