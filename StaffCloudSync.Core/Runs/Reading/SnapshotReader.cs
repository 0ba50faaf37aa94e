using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Telemetry;

namespace StaffCloudSync.Core.Runs.Reading;

/// <summary>Step 1 of a run, the read plan of staffcloud-api.md. Any failure propagates: a run never plans on half a snapshot.</summary>
public sealed class SnapshotReader(
    IStaffCloudClient staffCloud, IMobieTrainClient mobieTrain, IOptions<SyncOptions> options, ILogger<SnapshotReader> logger)
{
    public Task<TenantSnapshot> ReadAsync(RunContext context, CancellationToken cancellationToken) =>
        ReadAsync(context.StaffCloud, context.MobieTrain, context.Plan, context.Now, cancellationToken);

    public async Task<TenantSnapshot> ReadAsync(
        StaffCloudTarget staffCloudTarget, MobieTrainTarget mobieTrainTarget, PlanSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var span = SyncTelemetry.StartPhase(SyncTelemetry.ReadSpan);
        using var reads = new ConcurrentReads(cancellationToken);

        var groups = reads.Start(ct => mobieTrain.GetUserGroupsAsync(mobieTrainTarget, ct));
        var users = reads.Start(ct => mobieTrain.GetUsersAsync(mobieTrainTarget, ct));
        var invitations = reads.Start(ct => mobieTrain.GetInvitationsAsync(mobieTrainTarget, ct));

        // The bound is widened by a margin (a time-zone change, a clock a little off) and the exact test is the rules'.
        var after = settings.TimeZone.ToWallClock(now - options.Value.EventReadMargin);
        var events = reads.Start(ct => staffCloud.GetActiveEventsAsync(staffCloudTarget, after, ct));
        await reads.WhenAllAsync();

        var mobieTrainSnapshot = new MobieTrainSnapshot(await groups, await users, await invitations);
        var currentEvents = (await events).Where(e => Definitions.IsCurrentOrFuture(e, settings.TimeZone, now)).ToList();

        var eventIds = currentEvents.Select(e => e.Id).Order().ToList();
        var assignments = reads.Start(ct => staffCloud.GetConfirmedAssignmentsAsync(staffCloudTarget, eventIds, ct));
        await reads.WhenAllAsync();

        // StaffCloud ignores filters it does not know: the status is checked again here.
        var confirmed = (await assignments).Where(Definitions.IsConfirmed).ToList();

        var synced = SyncedRecordsByEmployee(mobieTrainSnapshot);
        var employeeIds = confirmed.Select(a => a.EmployeeId).Concat(synced.Keys).Distinct().Order().ToList();
        var employees = reads.Start(ct => staffCloud.GetEmployeesAsync(staffCloudTarget, employeeIds, ct));
        await reads.WhenAllAsync();
        var employeeList = await employees;

        var proof = await new MissingEmployeeProbe(staffCloud, logger).ProveAsync(staffCloudTarget, settings, employeeList, synced, cancellationToken);
        employeeList.AddRange(proof.ReadSingly);

        return new TenantSnapshot(new StaffCloudSnapshot(employeeList, currentEvents, confirmed)
        {
            ProvenDeleted = proof.ProvenDeleted, OmittedByList = proof.ReadSingly.Select(e => e.Id).ToHashSet(), ReadPathProof = proof.ReadPathProof,
        }, mobieTrainSnapshot);
    }

    // N of the deletion guard counts records: users and invitations per synced person.
    private static Dictionary<long, int> SyncedRecordsByEmployee(MobieTrainSnapshot snapshot) =>
        snapshot.Users.Select(u => u.ExternalId).Concat(snapshot.Invitations.Select(i => i.ExternalId))
            .Select(Definitions.SyncedEmployeeId).OfType<long>().CountBy(id => id).ToDictionary();
}
