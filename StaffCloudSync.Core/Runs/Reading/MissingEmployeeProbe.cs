using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Runs.Reading;

/// <summary>
/// The proof of a hard deletion (sync-rules.md, "deactivated employee"). StaffCloud can answer a list with
/// <c>200 []</c> when a filter misfires, so a synced person the list left out is read singly: StaffCloud's JSON 404
/// proves the deletion once some single read of the run answered a record (another missing person's, or one control
/// read of a listed employee), and any other 404 fails the run; a record is used as read (and the omission logged); any other answer fails the run before anything is
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
            return MissingEmployeeProof.None;

        var approved = settings.ApprovedDeletions;
        var unapprovedRecords = missing.Where(id => !approved.Contains(id)).Sum(id => syncedRecords[id]);
        var (threshold, exceeded) = DeletionGuard.Check(unapprovedRecords, syncedRecords.Values.Sum(), settings);
        var toProbe = exceeded ? missing.Where(approved.Contains).ToList() : missing;
        if (toProbe.Count < missing.Count)
            ReadLog.MissingHeld(logger, target.TenantId, missing.Count - toProbe.Count, unapprovedRecords, threshold);

        var readSingly = new List<StaffCloudEmployee>();
        var provenDeleted = new HashSet<long>();
        foreach (var id in toProbe)
        {
            var employee = await staffCloud.GetEmployeeAsync(target, id, cancellationToken);
            if (employee is null)
            {
                provenDeleted.Add(id);
                continue;
            }

            ReadLog.OmittedByList(logger, target.TenantId, id);
            readSingly.Add(employee);
        }

        var readPathProof = provenDeleted.Count > 0
            ? await ProveReadPathAsync(target, listed, syncedRecords, readSingly, provenDeleted.Count, cancellationToken)
            : null;
        return new MissingEmployeeProof(readSingly, provenDeleted, readPathProof);
    }

    /// <summary>
    /// A 404 proves a deletion only once some single read of the run answered a record: another missing person's, or
    /// else one control read of an employee the list did return (a synced one, the lowest id, if there is one). When
    /// that read answers anything but its record, the single-read path does not work and the run fails before writing.
    /// </summary>
    private async Task<string> ProveReadPathAsync(
        StaffCloudTarget target,
        IReadOnlyList<StaffCloudEmployee> listed,
        IReadOnlyDictionary<long, int> syncedRecords,
        List<StaffCloudEmployee> readSingly,
        int notFound,
        CancellationToken cancellationToken)
    {
        if (readSingly.Count > 0)
        {
            var missing = readSingly.Min(e => e.Id);
            ReadLog.ProvenByRecord(logger, target.TenantId, notFound, missing);
            return $"the record of missing employee {missing.ToString(CultureInfo.InvariantCulture)}";
        }

        var controls = listed.Select(e => e.Id).ToList();
        var control = controls.Where(syncedRecords.ContainsKey).Order().FirstOrDefault();
        control = control != 0 ? control : controls.Order().FirstOrDefault();
        if (control == 0)
            throw NotProven(target, notFound, "the list returned no employee to read as a control");

        StaffCloudEmployee? answer;
        try
        {
            answer = await staffCloud.GetEmployeeAsync(target, control, cancellationToken);
        }
        catch (SyncRunException ex)
        {
            // An outage stays an outage (the next run tries again); the message says what it kept from proving.
            throw NotProven(target, notFound, $"the control read of listed employee {control} failed: {ex.Message}", ex.Kind, ex);
        }

        if (answer is null)
            throw NotProven(target, notFound, $"the control read of listed employee {control} answered 404 too");

        ReadLog.ProvenByControlRead(logger, target.TenantId, notFound, control);
        return $"a control read of listed employee {control.ToString(CultureInfo.InvariantCulture)}";
    }

    private static SyncRunException NotProven(
        StaffCloudTarget target, int notFound, string why, SyncFailureKind kind = SyncFailureKind.InvalidResponse, Exception? inner = null) =>
        new(target.TenantId, kind,
            $"tenant '{target.TenantId}': the single read path does not work: {why}; the 404s of {notFound} synced " +
            "person(s) prove no deletion, and nothing was written", inner);
}

/// <summary>
/// What the single reads found: records the list left out, the ids StaffCloud answered 404 for, and what proved
/// those 404s (a record read singly in the same run).
/// </summary>
internal sealed record MissingEmployeeProof(IReadOnlyList<StaffCloudEmployee> ReadSingly, IReadOnlySet<long> ProvenDeleted, string? ReadPathProof)
{
    public static MissingEmployeeProof None { get; } = new([], new HashSet<long>(), null);
}
