namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>MobieTrain's error body (<c>{"error": {"code", "message", "existing"?, "existingKind"?}}</c>).</summary>
internal sealed record MobieTrainErrorBody(string? Code, string? Message, JsonElement? Existing, string? ExistingKind)
{
    public static MobieTrainErrorBody None { get; } = new(null, null, null, null);
}
