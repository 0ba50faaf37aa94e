using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>MobieTrain's JSON (docs/decisions.md, "JSON"): written canonical, so equal content gives an equal idempotency key.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(PartnerTextConverter)])]
[JsonSerializable(typeof(MobieTrainPage))]
[JsonSerializable(typeof(MobieTrainAnswer))]
[JsonSerializable(typeof(MobieTrainErrorAnswer))]
[JsonSerializable(typeof(MobieTrainGroupBody))]
[JsonSerializable(typeof(NewInvitation))]
[JsonSerializable(typeof(PersonPatch))]
internal sealed partial class MobieTrainJson : JsonSerializerContext;

/// <summary>A list page: both fields must be there (<c>nextCursor</c> null on the last page).</summary>
internal sealed record MobieTrainPage(
    [property: JsonRequired] IReadOnlyList<MobieTrainAnswer>? Items, [property: JsonRequired] JsonElement? NextCursor);

internal sealed record MobieTrainAnswer(
    string? Id, string? Name, string? ExternalId, string? FirstName, string? LastName, string? Email, string? Phone, string? Language,
    IReadOnlyList<string?>? UserGroupIds, string? RegisteredAt, string? CreatedAt);

internal sealed record MobieTrainErrorAnswer(MobieTrainErrorBody? Error);

/// <summary>A group's create (a base group has no externalId) or rename (name only).</summary>
internal sealed record MobieTrainGroupBody(string Name, string? ExternalId = null);

/// <summary><c>{"error": {"code", "message", "existing"?, "existingKind"?}}</c></summary>
internal sealed record MobieTrainErrorBody(string? Code, string? Message, JsonElement? Existing, string? ExistingKind)
{
    public static MobieTrainErrorBody None { get; } = new(null, null, null, null);
}
