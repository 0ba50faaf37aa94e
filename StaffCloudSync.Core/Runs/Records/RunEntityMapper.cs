using Azure.Data.Tables;
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

    // Inverted start ticks first, so a plain partition query (ascending RowKey) returns the newest run first.
    public static string RunRowKey(RunRecord record) =>
        (MaxTicks - record.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + record.RunId;

    public static string IndexRowKey(string runId) => IndexRowKeyPrefix + runId;

    public static TableEntity ToIndexEntity(RunRecord record) => new(record.TenantId, IndexRowKey(record.RunId))
    {
        [IndexTarget] = RunRowKey(record),
    };

    public static TableEntity ToEntity(RunRecord record, string? detailsBlob)
    {
        var counts = record.Counts;
        var entity = new TableEntity(record.TenantId, RunRowKey(record))
        {
            [nameof(RunRecord.RunId)] = record.RunId,
            [nameof(RunRecord.Trigger)] = record.Trigger.ToString(),
            [nameof(RunRecord.DryRun)] = record.DryRun,
            [nameof(RunRecord.StartedAt)] = record.StartedAt,
            [nameof(RunRecord.EndedAt)] = record.EndedAt,
            [nameof(RunRecord.Status)] = record.Status.ToString(),
            [nameof(RunRecord.Reason)] = Cap(record.Reason),
            [nameof(RunRecord.FailureKind)] = record.FailureKind?.ToString(),
            [nameof(SyncCounts.Invited)] = counts.Invited,
            [nameof(SyncCounts.InvitationsUpdated)] = counts.InvitationsUpdated,
            [nameof(SyncCounts.InvitationsReplaced)] = counts.InvitationsReplaced,
            [nameof(SyncCounts.UsersUpdated)] = counts.UsersUpdated,
            [nameof(SyncCounts.UsersRemoved)] = counts.UsersRemoved,
            [nameof(SyncCounts.InvitationsRemoved)] = counts.InvitationsRemoved,
            [nameof(SyncCounts.InvitationsExpired)] = counts.InvitationsExpired,
            [nameof(SyncCounts.GroupsCreated)] = counts.GroupsCreated,
            [nameof(SyncCounts.GroupsRenamed)] = counts.GroupsRenamed,
            [nameof(SyncCounts.Skipped)] = counts.Skipped,
            [nameof(SyncCounts.Failed)] = counts.Failed,
            [nameof(SyncCounts.DeletionsHeld)] = counts.DeletionsHeld,
            [nameof(RunTimings.ReadMs)] = record.Timings.ReadMs,
            [nameof(RunTimings.PlanMs)] = record.Timings.PlanMs,
            [nameof(RunTimings.ApplyMs)] = record.Timings.ApplyMs,
            [nameof(RunRecord.Invocation)] = record.Invocation,
        };

        if (record.ChainId is { } chain)
            entity[nameof(RunRecord.ChainId)] = chain;

        if (detailsBlob is not null)
            entity[DetailsBlob] = detailsBlob;

        return entity;
    }

    public static RunRecord ToRecord(TableEntity entity) => new()
    {
        TenantId = entity.PartitionKey,
        RunId = Required(entity, nameof(RunRecord.RunId)),
        Trigger = ReadEnum<RunTrigger>(entity, nameof(RunRecord.Trigger)),
        ChainId = entity.GetString(nameof(RunRecord.ChainId)),
        Invocation = entity.GetInt32(nameof(RunRecord.Invocation)) ?? 1,
        DryRun = entity.GetBoolean(nameof(RunRecord.DryRun)) ?? false,
        // The RowKey holds the exact ticks; the StartedAt column is there for people reading the table.
        StartedAt = new DateTimeOffset(MaxTicks - long.Parse(entity.RowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero),
        EndedAt = entity.GetDateTimeOffset(nameof(RunRecord.EndedAt)),
        Status = ReadEnum<RunStatus>(entity, nameof(RunRecord.Status)),
        Reason = entity.GetString(nameof(RunRecord.Reason)),
        FailureKind = Enum.TryParse<SyncFailureKind>(entity.GetString(nameof(RunRecord.FailureKind)), out var kind) ? kind : null,
        Counts = new SyncCounts
        {
            Invited = Int(entity, nameof(SyncCounts.Invited)),
            InvitationsUpdated = Int(entity, nameof(SyncCounts.InvitationsUpdated)),
            InvitationsReplaced = Int(entity, nameof(SyncCounts.InvitationsReplaced)),
            UsersUpdated = Int(entity, nameof(SyncCounts.UsersUpdated)),
            UsersRemoved = Int(entity, nameof(SyncCounts.UsersRemoved)),
            InvitationsRemoved = Int(entity, nameof(SyncCounts.InvitationsRemoved)),
            InvitationsExpired = Int(entity, nameof(SyncCounts.InvitationsExpired)),
            GroupsCreated = Int(entity, nameof(SyncCounts.GroupsCreated)),
            GroupsRenamed = Int(entity, nameof(SyncCounts.GroupsRenamed)),
            Skipped = Int(entity, nameof(SyncCounts.Skipped)),
            Failed = Int(entity, nameof(SyncCounts.Failed)),
            DeletionsHeld = Int(entity, nameof(SyncCounts.DeletionsHeld)),
        },
        Timings = new RunTimings(
            entity.GetInt64(nameof(RunTimings.ReadMs)) ?? 0,
            entity.GetInt64(nameof(RunTimings.PlanMs)) ?? 0,
            entity.GetInt64(nameof(RunTimings.ApplyMs)) ?? 0),
    };

    private static string? Cap(string? reason) =>
        reason is null || reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");

    private static int Int(TableEntity entity, string column) => entity.GetInt32(column) ?? 0;

    private static string Required(TableEntity entity, string column) =>
        entity.GetString(column) ?? throw Corrupt(entity, $"{column} is missing");

    private static T ReadEnum<T>(TableEntity entity, string column)
        where T : struct, Enum =>
        Enum.TryParse<T>(entity.GetString(column), ignoreCase: true, out var value)
            ? value
            : throw Corrupt(entity, $"{column} '{entity.GetString(column)}' is not a {typeof(T).Name}");

    private static InvalidDataException Corrupt(TableEntity entity, string problem) =>
        new($"Run record {entity.PartitionKey}/{entity.RowKey} cannot be read: {problem}.");
}
