using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>What an answer means as a record: tolerant where that is safe (unknown fields, a missing <c>userGroupIds</c>, any ISO
/// 8601 timestamp), strict where guessing is not (no id, an id that could address something else). Shape errors name
/// fields and ids, never a value.</summary>
internal static class MobieTrainAnswers
{
    /// <summary>The error body; empty when it is not one.</summary>
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
        return new MobieTrainUser(id, ExternalIdOf(answer), Profile(answer), GroupIds(answer, what), Timestamp(answer.RegisteredAt, "registeredAt", what));
    }

    public static MobieTrainInvitation ReadInvitation(MobieTrainAnswer? answer)
    {
        var id = Id(answer, "an invitation");
        var what = $"invitation {id}";
        return new MobieTrainInvitation(id, ExternalIdOf(answer), Profile(answer), GroupIds(answer, what), Timestamp(answer.CreatedAt, "createdAt", what));
    }

    /// <summary>The record a 409 names, or null when it names none we can read (then the list decides).</summary>
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

    /// <summary>A text that is not valid Unicode or holds control characters is an invalid value: absent, so StaffCloud's replaces it.</summary>
    private static MobieTrainProfile Profile(MobieTrainAnswer answer) => new(
        TextValue.Usable(answer.FirstName), TextValue.Usable(answer.LastName), TextValue.Usable(answer.Email),
        TextValue.Usable(answer.Phone), TextValue.Usable(answer.Language));

    /// <summary>An externalId exactly as held, white space included: <c>" 12"</c> is another integration's id, not employee 12
    /// (sync-rules.md, "synced person"). An unusable text still reads as none, which leaves the record protected.</summary>
    private static string? ExternalIdOf(MobieTrainAnswer answer) =>
        TextValue.Usable(answer.ExternalId) is null ? null : answer.ExternalId;

    /// <summary>A record's id goes into the URLs of its writes: any other than a <see cref="MobieTrainId"/> makes the answer invalid.</summary>
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

/// <summary>An answer that is not what the API returns; turned into an <c>InvalidResponse</c> run failure with context.</summary>
internal sealed class MobieTrainShapeException(string message) : Exception(message);
