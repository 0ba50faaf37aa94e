using Microsoft.Extensions.Options;
using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.Rules;
using StaffCloudSync.Core.StaffCloud;
using StaffCloudSync.Core.Sync.Planning;

namespace StaffCloudSync.Core.Sync.Reading;

/// <summary>
/// Step 1 of a run: reads what the rules need, following the read plan of staffcloud-api.md, so its cost grows
/// with the people the tenant schedules and has in MobieTrain, not with the whole StaffCloud database.
/// Any failure propagates: a run never plans on half a snapshot.
/// </summary>
public sealed class SnapshotReader(IStaffCloudClient staffCloud, IMobieTrainClient mobieTrain, IOptions<SyncOptions> options)
{
    public async Task<TenantSnapshot> ReadAsync(
        StaffCloudTarget staffCloudTarget,
        MobieTrainTarget mobieTrainTarget,
        TenantTimeZone timeZone,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        using var reads = new ConcurrentReads(cancellationToken);

        var groups = reads.Start(ct => mobieTrain.GetUserGroupsAsync(mobieTrainTarget, ct));
        var users = reads.Start(ct => mobieTrain.GetUsersAsync(mobieTrainTarget, ct));
        var invitations = reads.Start(ct => mobieTrain.GetInvitationsAsync(mobieTrainTarget, ct));
        var endAfter = timeZone.ToWallClock(now - options.Value.AssignmentLookback);
        var assignments = reads.Start(ct => staffCloud.GetConfirmedAssignmentsAsync(staffCloudTarget, endAfter, ct));
        await reads.WhenAllAsync().ConfigureAwait(false);

        // StaffCloud ignores filters it does not know: the status is checked again here.
        var confirmed = (await assignments.ConfigureAwait(false))
            .Where(a => a.Status == StaffCloudStatus.AssignmentConfirmed).ToList();
        var mobieTrainSnapshot = new MobieTrainSnapshot(
            await groups.ConfigureAwait(false), await users.ConfigureAwait(false), await invitations.ConfigureAwait(false));

        var eventIds = confirmed.Select(a => a.EventId).Distinct().Order().ToList();
        var events = reads.Start(ct => staffCloud.GetEventsAsync(staffCloudTarget, eventIds, ct));
        await reads.WhenAllAsync().ConfigureAwait(false);
        var eventList = await events.ConfigureAwait(false);

        var employeeIds = EmployeesToRead(confirmed, eventList, mobieTrainSnapshot, timeZone, now);
        var employees = reads.Start(ct => staffCloud.GetEmployeesAsync(staffCloudTarget, employeeIds, ct));
        await reads.WhenAllAsync().ConfigureAwait(false);

        return new TenantSnapshot(
            new StaffCloudSnapshot(await employees.ConfigureAwait(false), eventList, confirmed),
            mobieTrainSnapshot);
    }

    /// <summary>The employees of confirmed assignments to current events, and every synced person in MobieTrain.</summary>
    private static List<long> EmployeesToRead(
        List<StaffCloudAssignment> confirmed, List<StaffCloudEvent> events, MobieTrainSnapshot mobieTrainSnapshot,
        TenantTimeZone timeZone, DateTimeOffset now)
    {
        var current = events.Where(e => PlanningIndex.IsCurrentOrFuture(e, timeZone, now)).Select(e => e.Id).ToHashSet();
        var ids = confirmed.Where(a => current.Contains(a.EventId)).Select(a => a.EmployeeId).ToHashSet();
        var syncedIds = mobieTrainSnapshot.Users.Select(u => u.ExternalId)
            .Concat(mobieTrainSnapshot.Invitations.Select(i => i.ExternalId));
        foreach (var externalId in syncedIds)
        {
            if (ExternalId.TryParseEmployeeId(externalId) is { } id)
            {
                ids.Add(id);
            }
        }

        var sorted = ids.ToList();
        sorted.Sort();
        return sorted;
    }
}
