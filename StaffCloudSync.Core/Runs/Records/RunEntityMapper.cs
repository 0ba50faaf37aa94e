using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Failures;

namespace StaffCloudSync.Core.Runs.Records;

/// <summary>A run record's <c>SyncRuns</c> entity (the summary a person reads in the portal), and its index entity by run id.</summary>
internal static class RunEntityMapper
{
    public const string DetailsBlob = "DetailsBlob";
    public const string IndexTarget = "RunRowKey";

    // Index rows start with a letter, run rows with a digit: a RowKey range keeps each kind to itself.
    public const string IndexRowKeyPrefix = "runid_";
    public const string FirstRunRowKey = "0";
    public const string AfterLastRunRowKey = ":";

    // A reason is a sentence for an operator; the cap keeps the entity well within its 1 MiB.
    private const int MaxReasonLength = 8000;
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    // A column per count, named as the record names it; the metrics' kind tag uses the same names.
    internal static readonly (string Column, Func<SyncCounts, int> Get, Func<SyncCounts, int, SyncCounts> Set)[] CountColumns =
    [
        (nameof(SyncCounts.Invited), c => c.Invited, (c, v) => c with { Invited = v }),
        (nameof(SyncCounts.InvitationsUpdated), c => c.InvitationsUpdated, (c, v) => c with { InvitationsUpdated = v }),
        (nameof(SyncCounts.InvitationsReplaced), c => c.InvitationsReplaced, (c, v) => c with { InvitationsReplaced = v }),
        (nameof(SyncCounts.UsersUpdated), c => c.UsersUpdated, (c, v) => c with { UsersUpdated = v }),
        (nameof(SyncCounts.UsersRemoved), c => c.UsersRemoved, (c, v) => c with { UsersRemoved = v }),
        (nameof(SyncCounts.InvitationsRemoved), c => c.InvitationsRemoved, (c, v) => c with { InvitationsRemoved = v }),
        (nameof(SyncCounts.InvitationsExpired), c => c.InvitationsExpired, (c, v) => c with { InvitationsExpired = v }),
        (nameof(SyncCounts.GroupsCreated), c => c.GroupsCreated, (c, v) => c with { GroupsCreated = v }),
        (nameof(SyncCounts.GroupsRenamed), c => c.GroupsRenamed, (c, v) => c with { GroupsRenamed = v }),
        (nameof(SyncCounts.Skipped), c => c.Skipped, (c, v) => c with { Skipped = v }),
        (nameof(SyncCounts.Failed), c => c.Failed, (c, v) => c with { Failed = v }),
        (nameof(SyncCounts.DeletionsHeld), c => c.DeletionsHeld, (c, v) => c with { DeletionsHeld = v }),
    ];

    // Inverted start ticks first, so a plain partition query (ascending RowKey) returns the newest run first.
    public static string RunRowKey(RunRecord record) =>
        (MaxTicks - record.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + record.RunId;

    public static string IndexRowKey(string runId) => IndexRowKeyPrefix + runId;

    public static TableEntity ToIndexEntity(RunRecord record) =>
        new(record.TenantId, IndexRowKey(record.RunId)) { [IndexTarget] = RunRowKey(record) };

    public static TableEntity ToEntity(RunRecord record, string? detailsBlob)
    {
        var entity = new TableEntity(record.TenantId, RunRowKey(record))
        {
            [nameof(RunRecord.RunId)] = record.RunId, [nameof(RunRecord.Trigger)] = record.Trigger.ToString(),
            [nameof(RunRecord.DryRun)] = record.DryRun, [nameof(RunRecord.StartedAt)] = record.StartedAt,
            [nameof(RunRecord.EndedAt)] = record.EndedAt, [nameof(RunRecord.Status)] = record.Status.ToString(),
            [nameof(RunRecord.Reason)] = Cap(record.Reason), [nameof(RunRecord.FailureKind)] = record.FailureKind?.ToString(),
            [nameof(RunRecord.Invocation)] = record.Invocation, [nameof(RunTimings.ReadMs)] = record.Timings.ReadMs,
            [nameof(RunTimings.PlanMs)] = record.Timings.PlanMs, [nameof(RunTimings.ApplyMs)] = record.Timings.ApplyMs,
        };

        foreach (var (column, get, _) in CountColumns)
            entity[column] = get(record.Counts);

        if (record.ChainId is { } chain)
            entity[nameof(RunRecord.ChainId)] = chain;

        if (detailsBlob is not null)
            entity[DetailsBlob] = detailsBlob;

        return entity;
    }

    public static RunRecord ToRecord(TableEntity entity) => new()
    {
        TenantId = entity.PartitionKey, RunId = Required(entity, nameof(RunRecord.RunId)),
        Trigger = ReadEnum<RunTrigger>(entity, nameof(RunRecord.Trigger)), ChainId = entity.GetString(nameof(RunRecord.ChainId)),
        DryRun = entity.GetBoolean(nameof(RunRecord.DryRun)) ?? false, Invocation = entity.GetInt32(nameof(RunRecord.Invocation)) ?? 1,
        // The RowKey holds the exact ticks; the StartedAt column is there for people reading the table.
        StartedAt = new DateTimeOffset(MaxTicks - long.Parse(entity.RowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero),
        EndedAt = entity.GetDateTimeOffset(nameof(RunRecord.EndedAt)), Status = ReadEnum<RunStatus>(entity, nameof(RunRecord.Status)),
        Reason = entity.GetString(nameof(RunRecord.Reason)),
        FailureKind = Enum.TryParse<SyncFailureKind>(entity.GetString(nameof(RunRecord.FailureKind)), out var kind) ? kind : null,
        Counts = CountColumns.Aggregate(SyncCounts.Zero, (counts, c) => c.Set(counts, entity.GetInt32(c.Column) ?? 0)),
        Timings = new RunTimings(entity.GetInt64(nameof(RunTimings.ReadMs)) ?? 0, entity.GetInt64(nameof(RunTimings.PlanMs)) ?? 0,
            entity.GetInt64(nameof(RunTimings.ApplyMs)) ?? 0),
    };

    private static string? Cap(string? reason) =>
        reason is null || reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");

    private static string Required(TableEntity entity, string column) => entity.GetString(column) ?? throw Corrupt(entity, $"{column} is missing");

    private static T ReadEnum<T>(TableEntity entity, string column) where T : struct, Enum =>
        Enum.TryParse<T>(entity.GetString(column), ignoreCase: true, out var value)
            ? value : throw Corrupt(entity, $"{column} '{entity.GetString(column)}' is not a {typeof(T).Name}");

    private static InvalidDataException Corrupt(TableEntity entity, string problem) =>
        new($"Run record {entity.PartitionKey}/{entity.RowKey} cannot be read: {problem}.");
}
