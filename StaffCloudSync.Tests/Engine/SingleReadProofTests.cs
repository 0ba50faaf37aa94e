using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>
/// A 404 that proves (sync-rules.md, "deactivated employee"): StaffCloud's JSON 404 deletes only when some single read
/// of the same run answered a record — another missing person's, or else one control read of a listed employee — so
/// that a single-read path that answers 404 for everyone deletes no one. Through the real reader, planner and applier.
/// </summary>
public sealed class SingleReadProofTests
{
    private const int ProvenByRecord = 1052;
    private const int ProvenByControlRead = 1053;

    [Test]
    public async Task A404BesideAnotherMissingPersonsRecord_Deletes_WithoutAControlRead()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).Eligible(9).User("1").User("8").User("9"));
        sync.StaffCloud.OmittedByList.Add(9);

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Succeeded), outcome.Record.Reason);
            Assert.That(outcome.Record.Counts.UsersRemoved, Is.EqualTo(1));
            Assert.That(sync.MobieTrain.Users.Select(u => u.ExternalId), Is.EquivalentTo(new[] { "1", "9" }));
            Assert.That(sync.StaffCloud.SingleReads, Is.EqualTo(new long[] { 8, 9 }), "employee 9's record proves the path: no control read");
            Assert.That(Logged(sync, ProvenByRecord), Does.Contain("missing employee 9"));
        }
    }

    [Test]
    public async Task All404s_AndAControlReadThatAnswersItsRecord_Delete_WithExactlyOneExtraRequest()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(3).Eligible(2).User("2").User("3").User("7").User("8"));
        var before = sync.StaffCloud.Requests;

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Succeeded), outcome.Record.Reason);
            Assert.That(outcome.Record.Counts.UsersRemoved, Is.EqualTo(2));
            Assert.That(sync.StaffCloud.SingleReads, Is.EqualTo(new long[] { 7, 8, 2 }), "one control read, of the lowest listed synced id");
            Assert.That(sync.StaffCloud.Requests - before, Is.EqualTo(3 + 3), "events, assignments, employees list, two single reads, one control read");
            Assert.That(Logged(sync, ProvenByControlRead), Does.Contain("control read of listed employee 2"));
        }
    }

    [Test]
    public async Task All404s_AndAControlReadThatAnswers404Too_FailTheRunBeforeAnyWrite()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).Eligible(2).User("1").User("8"));
        sync.StaffCloud.NotFoundSingly.Add(1);

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(outcome.Record.Reason, Does.Contain("the single read path does not work").And.Contain("listed employee 1 answered 404"));
            Assert.That(sync.MobieTrain.Writes, Is.Zero, "not even employee 2's invitation");
            Assert.That(sync.StaffCloud.SingleReads, Is.EqualTo(new long[] { 8, 1 }));
        }
    }

    [Test]
    public async Task All404s_AndAControlReadThatFails_FailTheRun_KeepingTheFailuresKind()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).User("1").User("8"));
        sync.StaffCloud.FailSingleRead = id => id == 1
            ? new SyncRunException("acme", SyncFailureKind.Unavailable, "tenant 'acme': StaffCloud /employees/1 answered 503 after retries")
            : null;

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(outcome.Record.Reason, Does.Contain("control read of listed employee 1 failed").And.Contain("503"));
            Assert.That(sync.MobieTrain.Writes, Is.Zero);
        }
    }

    [Test]
    public async Task A404WhenTheListReturnedNoOne_ProvesNothing()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().User("8"));

        var outcome = await sync.RunAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(outcome.Record.Reason, Does.Contain("no employee to read as a control"));
            Assert.That(sync.MobieTrain.Users, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task ARunWithNoMissingPerson_ReadsNoOneSingly()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1).User("1"));

        await sync.RunAsync();

        Assert.That(sync.StaffCloud.SingleReads, Is.Empty);
    }

    private static string Logged(SyncHarness sync, int eventId) =>
        string.Join('\n', sync.Logs.GetSnapshot().Where(r => r.Id.Id == eventId).Select(r => r.Message));
}
