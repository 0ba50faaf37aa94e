namespace StaffCloudSync.Sandbox.Simulators.MobieTrain;

// The records of ../shared/spec/mobietrain-api.md. An empty Id when seeding means "generate one".

public sealed record MobieTrainUserGroupResource(string Id = "", string Name = "", string? ExternalId = null);

public sealed record MobieTrainUserResource
{
    public string Id { get; init; } = string.Empty;
    public string? ExternalId { get; init; }
    public string FirstName { get; init; } = string.Empty;
    public string LastName { get; init; } = string.Empty;
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string Language { get; init; } = MobieTrainAccountState.DefaultLanguage;
    public IReadOnlyList<string> UserGroupIds { get; init; } = [];
    public DateTimeOffset? RegisteredAt { get; init; }
}

public sealed record MobieTrainInvitationResource
{
    public string Id { get; init; } = string.Empty;
    public string? ExternalId { get; init; }
    public string FirstName { get; init; } = string.Empty;
    public string LastName { get; init; } = string.Empty;
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string Language { get; init; } = MobieTrainAccountState.DefaultLanguage;
    public IReadOnlyList<string> UserGroupIds { get; init; } = [];
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>Everything one account holds, each list in creation order (as the API lists it).</summary>
public sealed record MobieTrainContents
{
    public IReadOnlyList<MobieTrainUserGroupResource> UserGroups { get; init; } = [];
    public IReadOnlyList<MobieTrainUserResource> Users { get; init; } = [];
    public IReadOnlyList<MobieTrainInvitationResource> Invitations { get; init; } = [];
}

/// <summary>A manual edit in MobieTrain's admin (a scenario's <c>mobietrain.upsert.users</c>); null leaves a field as it is.</summary>
public sealed record MobieTrainUserEdit
{
    public required string ExternalId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string>? UserGroupIds { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; } // only for a new user; the simulator's "now" when null
}

/// <summary>The contract's JSON: camelCase, every field written (a missing e-mail is <c>null</c>), UTC timestamps.</summary>
public static class MobieTrainSimulatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcTimestampConverter() },
    };

    /// <summary>UTC with a <c>Z</c>; fractions of a second only when there are some ("F" drops them and their point).</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
