using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>The deletion guard across runs: deletions held, the operator's approval granted or refused, used by a real run and not a dry one, kept, lapsed and used up.</summary>
public class TenantRunnerApprovalTests
{
    [Test]
    public async Task DeletionGuard_HeldThenAllowed_DryRunDoesNotUseTheApproval()
    {
        var plans = ElevenDeactivatedUsers();

        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans.Eligible(20));

        var held = await sync.RunAsync();
        Assert.That(held.Record.Status, Is.EqualTo(RunStatus.DeletionsHeld));
        Assert.That(held.Record.HeldDeletions, Has.Count.EqualTo(11));
        Assert.That(held.Record.Reason, Does.Contain("11 deletions held"));
        Assert.That(held.Record.Counts.Invited, Is.EqualTo(1), "everything else is applied");
        Assert.That(sync.MobieTrain.Users, Has.Count.EqualTo(11));

        var approval = await sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None);
        Assert.That(approval.ApprovedRunId, Is.EqualTo(held.Record.RunId));
        Assert.That(approval.Employees, Is.EquivalentTo(Enumerable.Range(1, 11).Select(i => (long)i)));
        Assert.That(approval.ExpiresAt, Is.EqualTo(Plans.Now.AddHours(24)));

        var dry = await sync.RunAsync(dryRun: true);
        Assert.That(dry.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(dry.Record.Counts.UsersRemoved, Is.EqualTo(11));
        Assert.That(sync.MobieTrain.Users, Has.Count.EqualTo(11));
        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(approval), "a dry run does not change it");

        var allowed = await sync.RunAsync();
        Assert.That(allowed.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(allowed.Record.Counts.UsersRemoved, Is.EqualTo(11));
        Assert.That(allowed.Record.Approval!.Id, Is.EqualTo(approval.Id));
        Assert.That(allowed.Record.Approval.Deleted, Is.EqualTo(Enumerable.Range(1, 11).Select(i => (long)i)));
        Assert.That((await sync.Runs.GetAsync("acme", allowed.Record.RunId, CancellationToken.None))!.Approval, Is.EqualTo(allowed.Record.Approval).Using<Core.Runs.Records.RunApproval>(SameApproval));
        Assert.That(sync.MobieTrain.Users, Is.Empty);
        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null, "the approval is used up");
    }

    [Test]
    public async Task Approval_WithNothingHeld_IsRefusedSayingSo()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var none = Assert.ThrowsAsync<NothingHeldException>(() => sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None));
        Assert.That(none!.Message, Does.Contain("tenant 'acme'").And.Contain("nothing is held"));

        var run = await sync.RunAsync();
        var refused = Assert.ThrowsAsync<NothingHeldException>(() => sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain(run.Record.RunId).And.Contain("held no deletions"));
        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null);
    }

    [Test]
    public async Task Approval_AfterAFailedRun_CoversOnlyTheApprovedPersonsNotYetDeleted_NeverNewOnes()
    {
        var plans = new Plans();
        for (var id = 1; id <= 12; id++)
        {
            plans.Employee(id, status: 5).User($"{id}");
        }

        for (var id = 101; id <= 114; id++)
        {
            plans.Employee(id).User($"{id}");
        }

        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);
        Assert.That((await sync.RunAsync()).Record.Status, Is.EqualTo(RunStatus.DeletionsHeld));
        await sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None);

        // MobieTrain goes down after 5 deletions: the run fails half-way.
        var served = 0;
        sync.MobieTrain.FailWrite = _ => ++served > 5 ? new SyncRunException("acme", SyncFailureKind.Unavailable, "MobieTrain answered 503") : null;
        var failed = await sync.RunAsync();
        sync.MobieTrain.FailWrite = null;
        Assert.That(failed.Record.Status, Is.EqualTo(RunStatus.Failed));
        var deletedFirst = failed.Record.Approval!.Deleted;
        Assert.That(deletedFirst, Has.Count.EqualTo(5));
        var kept = (await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval!;
        Assert.That(kept.Employees, Is.EquivalentTo(Enumerable.Range(1, 12).Select(i => (long)i).Except(deletedFirst)), "kept for the approved persons not yet deleted");

        // Then StaffCloud deactivates 14 more: only the 7 approved ones go, the 14 are held.
        foreach (var employee in sync.StaffCloud.Employees.Where(e => e.Id > 100).ToList())
        {
            sync.StaffCloud.Employees[sync.StaffCloud.Employees.IndexOf(employee)] = employee with { Status = 5 };
        }

        var next = await sync.RunAsync();

        Assert.That(next.Record.Status, Is.EqualTo(RunStatus.DeletionsHeld));
        Assert.That(next.Record.Counts.UsersRemoved, Is.EqualTo(7));
        Assert.That(next.Record.HeldDeletions.Select(h => h.EmployeeId), Is.EquivalentTo(Enumerable.Range(101, 14).Select(i => (long)i)));
        Assert.That(sync.MobieTrain.Users.Select(u => u.ExternalId), Is.EquivalentTo(Enumerable.Range(101, 14).Select(i => $"{i}")));
        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null, "used up: none of its persons is left");
    }

    [Test]
    public async Task Approval_LapsesAtItsExpiry_AndIsCleared()
    {
        var plans = ElevenDeactivatedUsers();

        await using var sync = (await SyncHarness.CreateAsync(Plans.DefaultTenant() with { DeletionApprovalHours = 2 })).Seed(plans);
        await sync.RunAsync();
        await sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None);
        sync.Storage.Time.Advance(TimeSpan.FromHours(2));

        var late = await sync.RunAsync();

        Assert.That(late.Record.Status, Is.EqualTo(RunStatus.DeletionsHeld));
        Assert.That(late.Record.Approval, Is.Null);
        Assert.That(sync.MobieTrain.Users, Has.Count.EqualTo(11));
        Assert.That((await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null, "a lapsed approval is cleared");
    }

    [Test]
    public async Task Approval_ForgetsAPersonNoLongerToBeDeleted()
    {
        var plans = ElevenDeactivatedUsers();

        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);
        await sync.RunAsync();
        await sync.Approvals.GrantAsync("acme", "operator", CancellationToken.None);
        sync.StaffCloud.Employees[0] = sync.StaffCloud.Employees[0] with { Status = 4 };
        sync.MobieTrain.FailWrite = r => r == "DELETE /users/u2" ? new Core.Partners.MobieTrain.MobieTrainRecordException("locked", 422) : null;

        var run = await sync.RunAsync();

        Assert.That(run.Record.Status, Is.EqualTo(RunStatus.CompletedWithErrors));
        Assert.That(run.Record.Counts.UsersRemoved, Is.EqualTo(9));
        var left = (await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval;
        Assert.That(left!.Employees, Is.EquivalentTo(new long[] { 2 }), "1 is active again, 3–11 are gone, 2 failed");
    }

    private static bool SameApproval(Core.Runs.Records.RunApproval a, Core.Runs.Records.RunApproval b) =>
        a.Id == b.Id && a.GrantedBy == b.GrantedBy && a.GrantedAt == b.GrantedAt && a.ExpiresAt == b.ExpiresAt
        && a.Covers.SequenceEqual(b.Covers) && a.Deleted.SequenceEqual(b.Deleted) && a.ApprovedRunId == b.ApprovedRunId;

    /// <summary>Eleven deactivated employees with users: one more than the guard's minimum, so their deletions are held.</summary>
    private static Plans ElevenDeactivatedUsers()
    {
        var plans = new Plans();
        for (var id = 1; id <= 11; id++)
        {
            plans.Employee(id, status: 5).User($"{id}");
        }

        return plans;
    }
}
