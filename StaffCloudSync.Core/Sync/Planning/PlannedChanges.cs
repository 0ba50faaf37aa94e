namespace StaffCloudSync.Core.Sync.Planning;

/// <summary>An invitation to send, with its groups as plan references.</summary>
public sealed record PlannedInvitation(
    string ExternalId,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    string Language,
    IReadOnlyList<GroupRef> Groups);

/// <summary>
/// The changed fields of a user or invitation (null = unchanged); <see cref="Groups"/>, when set, is the
/// whole new set. <see cref="ChangedFields"/> names them for the log and the run record.
/// </summary>
public sealed record PlannedPatch(
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? Language,
    IReadOnlyList<GroupRef>? Groups,
    IReadOnlyList<string> ChangedFields)
{
    public bool IsEmpty => ChangedFields.Count == 0;

    public bool HasProfileChange => FirstName is not null || LastName is not null || Email is not null
        || Phone is not null || Language is not null;
}
