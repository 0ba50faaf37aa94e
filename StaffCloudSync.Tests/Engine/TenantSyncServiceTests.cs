using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Secrets;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>A whole tenant run: statuses, the run record, safety clauses that span runs (approval, idempotency).</summary>
public class TenantSyncServiceTests
{
    [Test]
    public async Task Run_InvitesAndRecordsWhatItDid()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).Eligible(2).Employee(7, email: null).Assignment(7, 10));

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(outcome.Record.Counts, Is.EqualTo(new SyncCounts { Invited = 2, GroupsCreated = 1, Skipped = 1 }));
        Assert.That(outcome.Record.Skipped, Is.EqualTo(new[] { new SkippedRecord(7, SkipReason.NoContact) }));
        var stored = await sync.Runs.GetAsync("acme", outcome.Record.RunId, CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(stored.Counts, Is.EqualTo(outcome.Record.Counts));
        Assert.That(stored.Skipped, Is.EqualTo(outcome.Record.Skipped));
        Assert.That(stored.StartedAt, Is.EqualTo(Plans.Now));
        Assert.That(stored.EndedAt, Is.Not.Null);
    }

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
    public async Task ReadFails_RunFailsWithAReason_AndWritesNothing()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        sync.StaffCloud.Failure = new SyncRunException("acme", SyncFailureKind.Authentication, "tenant 'acme': StaffCloud answered 401: the token was rejected");

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.Reason, Is.EqualTo("Authentication: tenant 'acme': StaffCloud answered 401: the token was rejected"));
        Assert.That(outcome.Retryable, Is.False);
        Assert.That(sync.MobieTrain.Writes, Is.Zero);
        Assert.That((await sync.Runs.GetAsync("acme", outcome.Record.RunId, CancellationToken.None))!.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task MissingSecret_FailsNamingTheSecret_NotRetryable()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        sync.StaffCloud.Failure = new SecretNotFoundException("staffcloud-token-acme");

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Reason, Does.StartWith("MissingSecret: tenant 'acme': Secret 'staffcloud-token-acme' was not found"));
        Assert.That(outcome.Retryable, Is.False);
    }

    [Test]
    public async Task Outage_IsRetryable()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        sync.StaffCloud.Failure = new HttpRequestException("Connection refused");

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.Reason, Does.Contain("HttpRequestException"));
        Assert.That(outcome.Retryable, Is.True);
    }

    [Test]
    public async Task RecordLevelError_RunCompletesWithErrors_AndListsTheFailure()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).Eligible(2).EventGroup(10));
        sync.MobieTrain.FailWrite = r => r == "POST /invitations 2" ? new MobieTrainRecordException("email domain is blocked", 422) : null;

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.CompletedWithErrors));
        Assert.That(outcome.Record.Counts.Failed, Is.EqualTo(1));
        Assert.That(outcome.Record.Failures.Single().EmployeeId, Is.EqualTo(2));
        Assert.That(sync.MobieTrain.Invitations.Single().ExternalId, Is.EqualTo("1"));
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

    [Test]
    public async Task DryRun_WritesNothing_ReportsTheCountsARealRunWouldHave()
    {
        var plans = new Plans().Eligible(1).Eligible(2).Employee(5, status: 5).User("5");
        await using var sync = (await SyncHarness.CreateAsync()).Seed(plans);

        var dry = await sync.RunAsync(dryRun: true);
        var real = await sync.RunAsync();

        Assert.That(dry.Record.DryRun, Is.True);
        Assert.That(dry.Record.Counts, Is.EqualTo(real.Record.Counts));
        Assert.That(dry.Record.Status, Is.EqualTo(real.Record.Status));
        Assert.That(real.Record.Counts.MinimalWrites, Is.EqualTo(sync.MobieTrain.Writes));
    }

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
        Assert.That((await sync.Runs.GetAsync("acme", allowed.Record.RunId, CancellationToken.None))!.Approval, Is.EqualTo(allowed.Record.Approval).Using<Core.Runs.RunApproval>(SameApproval));
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
        sync.MobieTrain.FailWrite = r => r == "DELETE /users/u2" ? new Core.MobieTrain.MobieTrainRecordException("locked", 422) : null;

        var run = await sync.RunAsync();

        Assert.That(run.Record.Status, Is.EqualTo(RunStatus.CompletedWithErrors));
        Assert.That(run.Record.Counts.UsersRemoved, Is.EqualTo(9));
        var left = (await sync.Tenants.GetAsync("acme", CancellationToken.None))!.DeletionApproval;
        Assert.That(left!.Employees, Is.EquivalentTo(new long[] { 2 }), "1 is active again, 3–11 are gone, 2 failed");
    }

    [Test]
    public async Task ARowSharingTheTenantsAccount_FailsItsRunBeforeReading_NamingBothRows()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var table = await sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "acme-copy") { ["StaffCloudApiTenant"] = "copy", ["MobieTrainAccountId"] = "acme" });

        var outcome = await sync.RunAsync();
        var preview = Assert.ThrowsAsync<SyncRunException>(() => sync.Service.PreviewAsync("acme", CancellationToken.None));

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.FailureKind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(outcome.Record.Reason, Does.Contain("tenant 'acme'").And.Contain("tenant 'acme-copy'").And.Contain("MobieTrainAccountId"));
        Assert.That(outcome.Retryable, Is.False);
        Assert.That(sync.StaffCloud.Requests + sync.MobieTrain.Reads + sync.MobieTrain.Writes, Is.Zero, "nothing was read");
        Assert.That(preview!.Message, Does.Contain("acme-copy"));
    }

    [Test]
    public async Task DisabledTenant_RealRunIsSkipped_DryRunAllowed()
    {
        await using var sync = (await SyncHarness.CreateAsync(Plans.DefaultTenant() with { Enabled = false })).Seed(new Plans().Eligible(1));

        var skipped = await sync.RunAsync();
        var dry = await sync.RunAsync(dryRun: true);

        Assert.That(skipped.Record.Status, Is.EqualTo(RunStatus.Skipped));
        Assert.That(skipped.Record.Reason, Does.Contain("disabled"));
        Assert.That(dry.Record.Counts.Invited, Is.EqualTo(1));
        Assert.That(sync.MobieTrain.Writes, Is.Zero);
    }

    [Test]
    public async Task UnknownTenant_FailsNamingIt()
    {
        await using var sync = await SyncHarness.CreateAsync();

        var outcome = await sync.RunAsync(tenantId: "nobody");

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.Reason, Is.EqualTo("UnknownTenant: tenant 'nobody' has no row in the Tenants table"));
        Assert.That(outcome.Retryable, Is.False);
    }

    [Test]
    public async Task Rule10_OneStructuredLinePerAction_IdsOnly_NoPersonalData()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans()
            .Event(10).Employee(1, first: "Zoltan", last: "Quirinus", email: "zoltan.q@example.com", mobile: "+41 79 555 66 77").Assignment(1, 10)
            .Employee(2, last: "Newname").User("2", last: "Oldname", email: "second.person@example.com")
            .Employee(5, status: 5).User("5", email: "fifth.person@example.com"));

        var outcome = await sync.RunAsync();

        var actions = sync.Logs.GetSnapshot().Where(r => r.Id.Id == 1003).ToList();
        Assert.That(actions, Has.Count.EqualTo(outcome.Record.Counts.MinimalWrites));
        Assert.That(actions.Select(a => a.StructuredState!.Single(p => p.Key == "Action").Value),
            Is.EquivalentTo(new[] { "createGroup", "removeUser", "invite", "updateUser" }));
        Assert.That(actions.Single(a => a.StructuredState!.Any(p => p.Key == "Action" && p.Value == "removeUser"))
            .StructuredState!.Single(p => p.Key == "EmployeeId").Value, Is.EqualTo("5"));
        var everything = string.Join("\n", sync.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        foreach (var personal in new[] { "Zoltan", "Quirinus", "zoltan.q@", "41795556677", "Newname", "Oldname", "second.person", "fifth.person" })
        {
            Assert.That(everything, Does.Not.Contain(personal));
        }
    }

    [Test]
    public async Task InvalidTenantRow_FailsNamingTenantAndField_WritesNothing()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var table = await sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "broken")
        {
            ["StaffCloudApiTenant"] = "broken", ["MobieTrainAccountId"] = "broken", ["TimeZone"] = "Mars/Olympus", ["InvitationMaxAgeMonths"] = "six",
        });

        var outcome = await sync.RunAsync(tenantId: "broken");

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.FailureKind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(outcome.Record.Reason, Does.StartWith("Configuration: tenant 'broken' has an invalid row:")
            .And.Contain("TimeZone").And.Contain("InvitationMaxAgeMonths"));
        Assert.That(sync.StaffCloud.Requests + sync.MobieTrain.Writes, Is.Zero);
    }

    private static bool SameApproval(Core.Runs.RunApproval a, Core.Runs.RunApproval b) =>
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
