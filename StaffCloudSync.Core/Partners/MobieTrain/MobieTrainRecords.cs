namespace StaffCloudSync.Core.Partners.MobieTrain;

public sealed record MobieTrainUserGroup(string Id, string Name, string? ExternalId);
public sealed record MobieTrainProfile(string? FirstName, string? LastName, string? Email, string? Phone, string? Language);

public sealed record MobieTrainUser(
    string Id, string? ExternalId, MobieTrainProfile Profile, IReadOnlyList<string> UserGroupIds, DateTimeOffset? RegisteredAt);

public sealed record MobieTrainInvitation(
    string Id, string? ExternalId, MobieTrainProfile Profile, IReadOnlyList<string> UserGroupIds, DateTimeOffset? CreatedAt);

public sealed record NewInvitation(
    string ExternalId, string FirstName, string LastName, string? Email, string? Phone, string Language, IReadOnlyList<string> UserGroupIds);

/// <summary>The body of a <c>PATCH</c>: only the fields that change (a null one is not sent); invitations cannot change e-mail or phone.</summary>
public sealed record PersonPatch(
    string? FirstName = null, string? LastName = null, string? Email = null, string? Phone = null, string? Language = null,
    IReadOnlyList<string>? UserGroupIds = null)
{
    [JsonIgnore]
    public bool IsEmpty => FirstName is null && LastName is null && Email is null && Phone is null
        && Language is null && UserGroupIds is null;
}
