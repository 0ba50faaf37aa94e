namespace StaffCloudSync.Core.Partners.MobieTrain;

/// <summary>The MobieTrain provisioning contract (mobietrain-api.md): lists stream every page; writes are idempotent per run.</summary>
public interface IMobieTrainClient
{
    IAsyncEnumerable<MobieTrainUserGroup> GetUserGroupsAsync(MobieTrainTarget target, CancellationToken cancellationToken);
    IAsyncEnumerable<MobieTrainUser> GetUsersAsync(MobieTrainTarget target, CancellationToken cancellationToken);
    IAsyncEnumerable<MobieTrainInvitation> GetInvitationsAsync(MobieTrainTarget target, CancellationToken cancellationToken);

    Task<MobieTrainUserGroup> CreateUserGroupAsync(
        MobieTrainWriteTarget target, string name, string? externalId, CancellationToken cancellationToken);

    Task RenameUserGroupAsync(MobieTrainWriteTarget target, string groupId, string name, CancellationToken cancellationToken);
    Task UpdateUserAsync(MobieTrainWriteTarget target, string userId, PersonPatch patch, CancellationToken cancellationToken);
    Task DeleteUserAsync(MobieTrainWriteTarget target, string userId, CancellationToken cancellationToken);
    Task<MobieTrainInvitation> CreateInvitationAsync(MobieTrainWriteTarget target, NewInvitation invitation, CancellationToken cancellationToken);
    Task UpdateInvitationAsync(MobieTrainWriteTarget target, string invitationId, PersonPatch patch, CancellationToken cancellationToken);
    Task DeleteInvitationAsync(MobieTrainWriteTarget target, string invitationId, CancellationToken cancellationToken);
}

/// <summary>MobieTrain refused a write for one record: that record fails, the run goes on.</summary>
public sealed class MobieTrainRecordException(string message, int statusCode, string? errorCode = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;
}
