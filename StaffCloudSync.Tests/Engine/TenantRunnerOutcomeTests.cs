using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>A whole tenant run's outcome: its status, counts and reason, whether it is retryable, the run record and log lines it leaves, and a dry run's.</summary>
public class TenantRunnerOutcomeTests
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
}
