using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>Tolerant where safe, strict where guessing is not (no id, an odd id); shape errors name fields and ids, never a value.</summary>
internal static class MobieTrainAnswers
{
    public static async Task<MobieTrainErrorBody> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var answer = await JsonSerializer.DeserializeAsync(stream, MobieTrainJson.Default.MobieTrainErrorAnswer, cancellationToken);
            return answer?.Error ?? MobieTrainErrorBody.None;
        }
        catch (JsonException)
        {
            return MobieTrainErrorBody.None;
        }
    }

    public static MobieTrainUserGroup ReadUserGroup(MobieTrainAnswer? answer)
    {
        var id = Id(answer, "a user group");
        var name = TextValue.Usable(answer.Name);
        return string.IsNullOrEmpty(name)
            ? throw new MobieTrainShapeException($"user group {id} has no 'name'")
            : new MobieTrainUserGroup(id, name, ExternalIdOf(answer));
    }

    public static MobieTrainUser ReadUser(MobieTrainAnswer? answer)
    {
        var id = Id(answer, "a user");
        var what = $"user {id}";
        var registered = Timestamp(answer.RegisteredAt, "registeredAt", what);
        return new MobieTrainUser(id, ExternalIdOf(answer), Profile(answer), GroupIds(answer, what), registered);
    }

    public static MobieTrainInvitation ReadInvitation(MobieTrainAnswer? answer)
    {
        var id = Id(answer, "an invitation");
        var what = $"invitation {id}";
        var created = Timestamp(answer.CreatedAt, "createdAt", what);
        return new MobieTrainInvitation(id, ExternalIdOf(answer), Profile(answer), GroupIds(answer, what), created);
    }

    // Null when a 409 names no record we can read: then the list decides.
    public static T? TryRead<T>(JsonElement? existing, Func<MobieTrainAnswer?, T> read)
        where T : class
    {
        if (existing is not { ValueKind: JsonValueKind.Object } value)
            return null;

        try
        {
            return read(value.Deserialize(MobieTrainJson.Default.MobieTrainAnswer));
        }
        catch (Exception e) when (e is MobieTrainShapeException or JsonException)
        {
            return null;
        }
    }

    // An unusable text is an invalid value: absent, so StaffCloud's replaces it.
    private static MobieTrainProfile Profile(MobieTrainAnswer answer) => new(
        TextValue.Usable(answer.FirstName), TextValue.Usable(answer.LastName), TextValue.Usable(answer.Email),
        TextValue.Usable(answer.Phone), TextValue.Usable(answer.Language));

    // As held, white space included: " 12" is another integration's id, not employee 12 (sync-rules.md, "synced person").
    private static string? ExternalIdOf(MobieTrainAnswer answer) =>
        TextValue.Usable(answer.ExternalId) is null ? null : answer.ExternalId;

    // A record's id goes into the URLs of its writes: any other than a MobieTrainId makes the answer invalid.
    private static string Id([System.Diagnostics.CodeAnalysis.NotNull] MobieTrainAnswer? answer, string what)
    {
        if (answer is null)
            throw new MobieTrainShapeException($"{what} is not a JSON object");

        var id = TextValue.Usable(answer.Id);
        return string.IsNullOrEmpty(id) ? throw new MobieTrainShapeException($"{what} has no 'id'")
            : MobieTrainId.IsValid(id) ? id
            : throw new MobieTrainShapeException($"{what} has an id that is not 1–128 letters, digits, '_' or '-'");
    }

    private static IReadOnlyList<string> GroupIds(MobieTrainAnswer answer, string what) =>
        answer.UserGroupIds is not { } ids ? []
        : ids.Any(id => id is null) ? throw new MobieTrainShapeException($"'userGroupIds' of {what} holds something that is not an id")
        : [.. ids.OfType<string>()];

    // ISO 8601 in any of its spellings (Z or an offset, with or without fractions); no offset is read as UTC.
    private static DateTimeOffset? Timestamp(string? text, string name, string what) =>
        TextValue.Usable(text) is not { } usable ? null
        : DateTimeOffset.TryParse(usable, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new MobieTrainShapeException($"'{name}' of {what} is not an ISO 8601 timestamp");
}

internal sealed class MobieTrainShapeException(string message) : Exception(message);
