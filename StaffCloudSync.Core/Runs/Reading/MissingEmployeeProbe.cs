using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Runs.Reading;

/// <summary>The proof of a hard deletion: docs/decisions.md, "the proof rule".</summary>
internal sealed class MissingEmployeeProbe(IStaffCloudClient staffCloud, ILogger logger)
{
    public async Task<MissingEmployeeProof> ProveAsync(StaffCloudTarget target, PlanSettings settings, IReadOnlyList<StaffCloudEmployee> listed,
        IReadOnlyDictionary<long, int> syncedRecords, CancellationToken cancellationToken)
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

    // The control read is of a listed employee: a synced one with the lowest id if there is one.
    private async Task<string> ProveReadPathAsync(StaffCloudTarget target, IReadOnlyList<StaffCloudEmployee> listed,
        IReadOnlyDictionary<long, int> syncedRecords, List<StaffCloudEmployee> readSingly, int notFound, CancellationToken cancellationToken)
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
        new(target.TenantId, kind, $"tenant '{target.TenantId}': the single read path does not work: {why}; the 404s of {notFound} synced " +
            "person(s) prove no deletion, and nothing was written", inner);
}

internal sealed record MissingEmployeeProof(IReadOnlyList<StaffCloudEmployee> ReadSingly, IReadOnlySet<long> ProvenDeleted, string? ReadPathProof)
{
    public static MissingEmployeeProof None { get; } = new([], new HashSet<long>(), null);
}

// Event ids 1050–1059: ids and counts, never a profile.
internal static partial class ReadLog
{
    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: StaffCloud's employees list left out employee {EmployeeId}, which the single read returned; it is synced as read")]
    public static partial void OmittedByList(ILogger logger, string tenantId, long employeeId);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: StaffCloud's employees list left out {Persons} synced persons ({Records} records, more than the deletion threshold of {Threshold}); they are held, not read one by one")]
    public static partial void MissingHeld(ILogger logger, string tenantId, int persons, int records, int threshold);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Information,
        Message = "Tenant {TenantId}: {Persons} synced persons answered 404 to their single read; proof that the single read works: the record of missing employee {EmployeeId}")]
    public static partial void ProvenByRecord(ILogger logger, string tenantId, int persons, long employeeId);

    [LoggerMessage(EventId = 1053, Level = LogLevel.Information,
        Message = "Tenant {TenantId}: {Persons} synced persons answered 404 to their single read; proof that the single read works: a control read of listed employee {EmployeeId}")]
    public static partial void ProvenByControlRead(ILogger logger, string tenantId, int persons, long employeeId);
}
