using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Tests.Fakes;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>The apply step: safe order, record-level isolation, run-level stop, bounded parallelism.</summary>
public class PlanApplierTests
{
    /// <summary>A run with time to spare: the budget is not what these tests are about.</summary>
    private static readonly RunBudget NoBudget = new(TimeProvider.System, 0, TimeSpan.MaxValue);

    private static readonly MobieTrainWriteTarget Target = new("acme", "acme", "mobietrain-api-key", "run-1");

    private static PlanApplier Applier(IMobieTrainClient client, int parallel = 8) =>
        new(client, Options.Create(new SyncOptions { MaxParallelWrites = parallel }), NullLogger<PlanApplier>.Instance);

    private static InMemoryMobieTrain MobieTrainFor(Plans plans)
    {
        var mobieTrain = new InMemoryMobieTrain(new FakeTimeProvider(Plans.Now));
        var snapshot = plans.Snapshot().MobieTrain;
        mobieTrain.Groups.AddRange(snapshot.UserGroups);
        mobieTrain.Users.AddRange(snapshot.Users);
        mobieTrain.Invitations.AddRange(snapshot.Invitations);
        return mobieTrain;
    }

    [Test]
    public async Task Apply_GroupsFirst_ThenRemovals_ThenUpdates_ThenInvitations()
    {
        var plans = new Plans().Event(10).Event(11, "Gala", "2026-04-01 18:00:00", "2026-04-01 23:00:00").EventGroup(10)
            .Employee(5, status: 5).User("5", email: "shared@example.com")
            .Employee(1).Assignment(1, 11)
            .Employee(2).Assignment(2, 11).User("2", groups: "g10");
        var order = new List<string>();
        var mobieTrain = MobieTrainFor(plans);
        mobieTrain.FailWrite = request => { order.Add(request.Split(' ')[0] + " " + request.Split(' ')[1].Split('/')[1]); return null; };

        var result = await Applier(mobieTrain).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        Assert.That(order, Is.EqualTo(new[] { "POST user-groups", "DELETE users", "PATCH users", "POST invitations" }));
        Assert.That(result.Failures, Is.Empty);
        Assert.That(mobieTrain.Invitations.Single().UserGroupIds, Is.EqualTo(new[] { mobieTrain.Groups.Single(g => g.ExternalId == "staffcloud-event-11").Id }));
        Assert.That(mobieTrain.Users.Single().UserGroupIds, Is.EqualTo(mobieTrain.Invitations.Single().UserGroupIds));
    }

    [Test]
    public async Task RecordLevelError_FailsThatRecordOnly_AndIsCounted()
    {
        var plans = new Plans().Eligible(1).Eligible(2).Eligible(3).EventGroup(10);
        var mobieTrain = MobieTrainFor(plans);
        mobieTrain.FailWrite = request => request.EndsWith(" 2", StringComparison.Ordinal)
            ? new MobieTrainRecordException("phone has an invalid format", 422, "validation") : null;

        var result = await Applier(mobieTrain).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        Assert.That(result.Counts.Invited, Is.EqualTo(2));
        Assert.That(result.Counts.Failed, Is.EqualTo(1));
        Assert.That(result.Failures.Single(), Is.EqualTo(new StaffCloudSync.Core.Runs.Records.RecordFailure(2, "invite", null, "phone has an invalid format", 422, "validation")));
        Assert.That(result.RunLevelError, Is.Null);
        Assert.That(mobieTrain.Invitations.Select(i => i.ExternalId), Is.EquivalentTo(new[] { "1", "3" }));
    }

    [Test]
    public async Task GroupCreateFails_WritesNeedingItFail_OthersGoOn()
    {
        var plans = new Plans().Eligible(1, 10).Eligible(2, 11).EventGroup(11);
        var mobieTrain = MobieTrainFor(plans);
        mobieTrain.FailWrite = request => request.Contains("staffcloud-event-10", StringComparison.Ordinal)
            ? new MobieTrainRecordException("name too long", 422) : null;

        var result = await Applier(mobieTrain).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        Assert.That(result.Counts.Invited, Is.EqualTo(1));
        Assert.That(result.Counts.Failed, Is.EqualTo(2));
        Assert.That(result.Failures.Select(f => (f.EmployeeId, f.Action)), Is.EquivalentTo(new[] { ((long?)null, "createGroup"), (1L, "invite") }));
        Assert.That(result.Failures.Single(f => f.Action == "invite").Error, Does.Contain("group of event 10"));
    }

    [Test]
    public async Task RunLevelError_StopsTheRun_LaterPhasesNotAttempted()
    {
        var plans = new Plans().Eligible(1).EventGroup(10).Employee(5, status: 5).User("5");
        var mobieTrain = MobieTrainFor(plans);
        mobieTrain.FailWrite = request => request.StartsWith("DELETE", StringComparison.Ordinal)
            ? new SyncRunException("acme", SyncFailureKind.Authentication, "MobieTrain refused the API key (401)") : null;

        var result = await Applier(mobieTrain).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        Assert.That(result.RunLevelError, Is.TypeOf<SyncRunException>());
        Assert.That(mobieTrain.Invitations, Is.Empty);
        Assert.That(result.Counts.Invited, Is.Zero);
        Assert.That(result.Failures, Is.Empty);
    }

    [Test]
    public async Task TransientFailureAfterRetries_FailsTheRecord_ManyInARowStopTheRun()
    {
        var plans = new Plans().Event(10).EventGroup(10);
        for (var id = 1; id <= 12; id++)
        {
            plans.Employee(id).Assignment(id, 10);
        }

        var mobieTrain = MobieTrainFor(plans);
        mobieTrain.FailWrite = request => request.StartsWith("POST /invitations", StringComparison.Ordinal)
            && int.Parse(request.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) is 2 or >= 6
                ? new SyncRunException("acme", SyncFailureKind.Unavailable, "MobieTrain answered 503 after 4 retries") : null;

        var result = await Applier(mobieTrain, parallel: 1).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        // 1 ok, 2 fails (alone: a record failure), 3–5 ok, then 6, 7, 8, 9 and 10 fail in a row: the run stops.
        Assert.That(result.Counts.Invited, Is.EqualTo(4));
        Assert.That(result.Failures.Select(f => f.EmployeeId), Is.EqualTo(new long?[] { 2, 6, 7, 8, 9, 10 }));
        Assert.That(result.RunLevelError!.Message, Does.Contain("5 writes in a row failed"));
        Assert.That(mobieTrain.Invitations.Select(i => i.ExternalId), Is.EquivalentTo(new[] { "1", "3", "4", "5" }));
    }

    [Test]
    public async Task Replacement_DeletesThenCreates_AndCountsOnce()
    {
        var plans = new Plans().Event(10).EventGroup(10).Employee(3, email: "new@example.com").Assignment(3, 10)
            .Invitation("3", email: "old@example.com", groups: "g10");
        var mobieTrain = MobieTrainFor(plans);

        var result = await Applier(mobieTrain).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        Assert.That(mobieTrain.Writes, Is.EqualTo(2));
        Assert.That(result.Counts.InvitationsReplaced, Is.EqualTo(1));
        Assert.That(result.Counts.Invited, Is.Zero);
        Assert.That(mobieTrain.Invitations.Single().Profile.Email, Is.EqualTo("new@example.com"));
    }

    [Test]
    public async Task Writes_RunInParallel_UpToTheConfiguredBound()
    {
        var plans = new Plans().Event(10).EventGroup(10);
        for (var id = 1; id <= 12; id++)
        {
            plans.Employee(id).Assignment(id, 10);
        }

        var inFlight = 0;
        var maxInFlight = 0;
        var threeInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new Mock<IMobieTrainClient>(MockBehavior.Strict);
        client.Setup(c => c.CreateInvitationAsync(Target, It.IsAny<NewInvitation>(), It.IsAny<CancellationToken>()))
            .Returns(async (MobieTrainWriteTarget _, NewInvitation invitation, CancellationToken _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                if (now == 3)
                {
                    threeInFlight.TrySetResult();
                }

                // Holds each write until three are in flight together, which proves the parallelism is reached.
                await threeInFlight.Task.WaitAsync(TimeSpan.FromSeconds(10));
                Interlocked.Decrement(ref inFlight);
                return new MobieTrainInvitation("i" + invitation.ExternalId, invitation.ExternalId, new MobieTrainProfile(null, null, null, null, null), [], Plans.Now);
            });

        var result = await Applier(client.Object, parallel: 3).ApplyAsync(Target, plans.Plan(), NoBudget, CancellationToken.None);

        Assert.That(result.Counts.Invited, Is.EqualTo(12));
        Assert.That(maxInFlight, Is.EqualTo(3));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
