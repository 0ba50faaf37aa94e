using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

/// <summary>One tenant run to do, and its queue message; a continuation carries its chain, so a chain is bounded and shown as one.</summary>
public sealed record SyncRequest(string TenantId, string RunId, RunTrigger Trigger, bool DryRun)
{
    [JsonConstructor]
    public SyncRequest(string tenantId, string runId, RunTrigger trigger, bool dryRun, DateTimeOffset requestedAt)
        : this(tenantId, runId, trigger, dryRun) => RequestedAt = requestedAt;

    // Unset for a run that is not queued.
    public DateTimeOffset RequestedAt { get; init; }
    public string? ChainId { get; init; }
    public int Invocation { get; init; } = 1;

    // The W3C trace context of the span that queued it, so the run continues that trace.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Traceparent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tracestate { get; init; }
    public const string QueueName = "tenant-sync";
    public const string PoisonQueueName = "tenant-sync-poison";
    public const string PreviewRunId = "preview";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string NewRunId() => Guid.NewGuid().ToString("N");

    /// <summary>A preview (explain, plan) reads and plans like a dry run, and is not a run: no write, record or log line carries it.</summary>
    public static SyncRequest Preview(string tenantId) => new(tenantId, PreviewRunId, RunTrigger.Manual, DryRun: true);

    public SyncRequest Continuation() =>
        new(TenantId, NewRunId(), RunTrigger.Continuation, false) { ChainId = ChainId ?? RunId, Invocation = Invocation + 1 };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    // A malformed message's reason never echoes it back: it may hold anything.
    public static bool TryParse(string? text, out SyncRequest? message, out string? error)
    {
        message = null;
        try
        {
            message = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<SyncRequest>(text, Json);
        }
        catch (JsonException e)
        {
            error = $"the message is not a sync message ({e.GetType().Name} at {e.Path ?? "the start"})";
            return false;
        }

        error = message switch
        {
            null when string.IsNullOrWhiteSpace(text) => "the message is empty",
            null => "the message is null",
            { TenantId: null or "" } => "tenantId is missing",
            { RunId: null or "" } => "runId is missing",
            _ when !TableKeys.IsValid(message.TenantId) || message.TenantId.Length > 63 => "tenantId is not a tenant id",
            _ when !TableKeys.IsValid(message.RunId) || message.RunId.Length > 64 => "runId is not a run id",
            _ when message.ChainId is { } chain && (!TableKeys.IsValid(chain) || chain.Length > 64) => "chainId is not a run id",
            _ when message.Invocation < 1 => "invocation is not a positive number",
            _ => null,
        };
        if (error is not null)
            message = null;

        return error is null;
    }
}

/// <summary>The result of a run: its record (already stored), and the plan when one was made.</summary>
public sealed record SyncOutcome(RunRecord Record, SyncPlan? Plan)
{
    // Only a run that failed because a partner was unavailable is worth retrying soon.
    public bool Retryable => Record is { Status: RunStatus.Failed, FailureKind: SyncFailureKind.Unavailable };

    // Set when the run stopped at its time budget: to start at once, under the same lease.
    public SyncRequest? Continuation { get; init; }
}
