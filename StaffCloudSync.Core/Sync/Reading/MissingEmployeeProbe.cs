using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.StaffCloud;
using StaffCloudSync.Core.Sync.Planning;

namespace StaffCloudSync.Core.Sync.Reading;

/// <summary>
/// The proof of a hard deletion (sync-rules.md, "deactivated employee"). StaffCloud can answer a list with
/// <c>200 []</c> when a filter misfires, so a synced person the list left out is read singly: 404 proves the
/// deletion; a record is used as read (and the omission logged); any other answer fails the run before anything is
/// written. When more are missing than the deletion guard's threshold, the list itself is suspect: they are not
/// read one by one but held (the planner lists them as held deletions), except those an operator's approval covers.
/// </summary>
internal sealed class MissingEmployeeProbe(IStaffCloudClient staffCloud, ILogger logger)
{
    public async Task<MissingEmployeeProof> ProveAsync(
        StaffCloudTarget target,
        PlanSettings settings,
        IReadOnlyList<StaffCloudEmployee> listed,
        IReadOnlyDictionary<long, int> syncedRecords,
        CancellationToken cancellationToken)
    {
        var returned = listed.Select(e => e.Id).ToHashSet();
        var missing = syncedRecords.Keys.Where(id => !returned.Contains(id)).Order().ToList();
        if (missing.Count == 0)
        {
            return MissingEmployeeProof.None;
        }

        var threshold = DeletionThreshold.For(syncedRecords.Values.Sum(), settings);
        var approved = settings.ApprovedDeletions;
        var unapprovedRecords = missing.Where(id => !approved.Contains(id)).Sum(id => syncedRecords[id]);
        var toProbe = unapprovedRecords > threshold ? missing.Where(approved.Contains).ToList() : missing;
        if (toProbe.Count < missing.Count)
        {
            ReadLog.MissingHeld(logger, target.TenantId, missing.Count - toProbe.Count, unapprovedRecords, threshold);
        }

        var readSingly = new List<StaffCloudEmployee>();
        var provenDeleted = new HashSet<long>();
        foreach (var id in toProbe)
        {
            var employee = await staffCloud.GetEmployeeAsync(target, id, cancellationToken).ConfigureAwait(false);
            if (employee is null)
            {
                provenDeleted.Add(id);
                continue;
            }

            ReadLog.OmittedByList(logger, target.TenantId, id);
            readSingly.Add(employee);
        }

        return new MissingEmployeeProof(readSingly, provenDeleted);
    }
}

/// <summary>What the single reads found: records the list left out, and the ids StaffCloud answered 404 for.</summary>
internal sealed record MissingEmployeeProof(IReadOnlyList<StaffCloudEmployee> ReadSingly, IReadOnlySet<long> ProvenDeleted)
{
    public static MissingEmployeeProof None { get; } = new([], new HashSet<long>());
}
