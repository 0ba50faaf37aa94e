using System.Text.Json;
using System.Text.Json.Serialization;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Storage;
using StaffCloudSync.Core.Sync;

namespace StaffCloudSync.Core.Dispatch;

/// <summary>
/// One message on the <c>tenant-sync</c> queue: which tenant to sync, as which run, why, and whether only to plan.
/// </summary>
public sealed record SyncMessage(string TenantId, string RunId, RunTrigger Trigger, bool DryRun, DateTimeOffset RequestedAt)
{
    /// <summary>A continuation's chain (the first invocation's run id); absent for a first invocation.</summary>
    public string? ChainId { get; init; }

    /// <summary>Which invocation of its chain the message starts (1 when absent).</summary>
    public int Invocation { get; init; } = 1;

    public const string QueueName = "tenant-sync";
    public const string PoisonQueueName = "tenant-sync-poison";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The message for a run to queue (a continuation keeps its chain and invocation).</summary>
    public static SyncMessage For(SyncRequest request, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SyncMessage(request.TenantId, request.RunId, request.Trigger, request.DryRun, requestedAt)
        {
            ChainId = request.ChainId,
            Invocation = request.Invocation,
        };
    }

    /// <summary>The run this message asks for, chain and invocation included.</summary>
    public SyncRequest ToRequest() => new(TenantId, RunId, Trigger, DryRun) { ChainId = ChainId, Invocation = Invocation };

    /// <summary>Reads a message; a malformed one gives the reason (never echoed back: it may hold anything).</summary>
    public static bool TryParse(string? text, out SyncMessage? message, out string? error)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the message is empty";
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize<SyncMessage>(text, Json);
        }
        catch (JsonException e)
        {
            error = $"the message is not a sync message ({e.GetType().Name} at {e.Path ?? "the start"})";
            return false;
        }

        error = message switch
        {
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
        {
            message = null;
            return false;
        }

        return true;
    }
}
