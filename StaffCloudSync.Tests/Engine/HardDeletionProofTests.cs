using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>
/// Proof before a hard deletion (sync-rules.md, "deactivated employee"), through the real reader, planner and
/// applier: a synced person the employees list left out is read singly, and only a 404 deletes them.
/// </summary>
public sealed class HardDeletionProofTests
{
    [Test]
    public async Task SilentlyEmptyEmployeesListOnASmallTenant_DeletesNoOne()
    {
        var plans = new Plans();
        for (var id = 1; id <= 3; id++)
        {
            plans.Eligible(id).User($"{id}", groups: "g10");
        }

        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans.EventGroup(10, id: "g10"));
        sync.StaffCloud.OmittedByList.UnionWith([1, 2, 3]);

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Succeeded), outcome.Record.Reason);
            Assert.That(outcome.Record.Counts.UsersRemoved, Is.Zero);
            Assert.That(sync.MobieTrain.Users.Select(u => u.ExternalId), Is.EquivalentTo(new[] { "1", "2", "3" }));
            Assert.That(sync.StaffCloud.SingleReads, Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(sync.Logs.GetSnapshot().Where(r => r.Id.Id == 1050).Select(r => r.Message).ToList(),
                Has.Count.EqualTo(3).And.Some.Contains("left out employee 2"), "each omission is a warning naming the id");
        }
    }

    [Test]
    public async Task TrulyHardDeletedPerson_IsRemovedOnThe404OfTheSingleRead()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).User("1").User("8").Invitation("8"));

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Succeeded), outcome.Record.Reason);
            Assert.That((outcome.Record.Counts.UsersRemoved, outcome.Record.Counts.InvitationsRemoved), Is.EqualTo((1, 1)));
            Assert.That(sync.StaffCloud.SingleReads, Is.EqualTo(new long[] { 8, 1 }),
                "the person the list left out, then one control read of a listed synced person to prove the 404");
            Assert.That(sync.MobieTrain.Users.Select(u => u.ExternalId), Is.EqualTo(new[] { "1" }));
        }
    }

    [Test]
    public async Task FailingSingleRead_FailsTheRunBeforeAnyWrite_NamingTheId()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).Eligible(2).User("8"));
        sync.StaffCloud.FailSingleRead = id => new SyncRunException("acme", SyncFailureKind.Unavailable,
            $"tenant 'acme': StaffCloud /employees/{id} answered 500 after retries");

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(outcome.Record.Reason, Does.Contain("/employees/8"));
            Assert.That(sync.MobieTrain.Writes, Is.Zero, "nothing is written, not even the two invitations");
        }
    }

    [Test]
    public async Task MoreMissingThanTheThreshold_AreHeldUnread_AndAnApprovedRunDeletesOnlyThe404s()
    {
        var plans = new Plans().Eligible(100);
        for (var id = 1; id <= 12; id++)
        {
            plans.User($"{id}");
            if (id <= 4)
            {
                plans.Employee(id); // still in StaffCloud: the list's omission is a misfire for them
            }
        }

        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);
        sync.StaffCloud.OmittedByList.UnionWith(Enumerable.Range(1, 12).Select(i => (long)i));

        var held = await sync.RunAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(held.Record.Status, Is.EqualTo(RunStatus.DeletionsHeld));
            Assert.That(held.Record.Reason, Does.Contain("left out"));
            Assert.That(held.Record.HeldDeletions.Select(h => h.EmployeeId), Is.EquivalentTo(Enumerable.Range(1, 12).Select(i => (long)i)));
            Assert.That(held.Record.Counts.Invited, Is.EqualTo(1), "everything else is applied");
            Assert.That(sync.StaffCloud.SingleReads, Is.Empty, "twelve missing of twelve synced: the list is suspect, nobody is read one by one");
            Assert.That(sync.MobieTrain.Users, Has.Count.EqualTo(12));
        }

        await sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None);
        var approved = await sync.RunAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(approved.Record.Status, Is.EqualTo(RunStatus.Succeeded), approved.Record.Reason);
            Assert.That(sync.StaffCloud.SingleReads, Is.EquivalentTo(Enumerable.Range(1, 12).Select(i => (long)i)));
            Assert.That(approved.Record.Counts.UsersRemoved, Is.EqualTo(8), "only the eight StaffCloud answered 404 for");
            Assert.That(sync.MobieTrain.Users.Select(u => u.ExternalId), Is.EquivalentTo(new[] { "1", "2", "3", "4" }));
        }
    }

    [Test]
    public async Task OpenEndedEventStartingTomorrow_MakesItsConfirmedStaffEligible()
    {
        var plans = new Plans().Event(10, start: "2026-03-02 08:00:00", end: null).Employee(1).Assignment(1, 10);
        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Counts.Invited, Is.EqualTo(1));
        Assert.That(sync.MobieTrain.Invitations.Single().UserGroupIds, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ShiftThatEndedInsideARunningEvent_KeepsItsEmployeeEligibleForThatEvent()
    {
        var plans = new Plans().Event(10, start: "2026-02-20 08:00:00", end: "2026-03-20 23:00:00").Employee(1).EventGroup(10, id: "g10");
        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);
        sync.StaffCloud.Assignments.Add(new StaffCloudAssignment(500, 1, 10, StaffCloudStatus.AssignmentConfirmed,
            new DateTime(2026, 2, 21, 8, 0, 0), new DateTime(2026, 2, 21, 18, 0, 0)));

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Counts.Invited, Is.EqualTo(1));
        Assert.That(sync.MobieTrain.Invitations.Single().UserGroupIds, Is.EqualTo(new[] { "g10" }));
    }
}
