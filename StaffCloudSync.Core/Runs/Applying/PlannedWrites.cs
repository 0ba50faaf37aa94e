using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Runs.Applying;

internal sealed class PlannedWrites(IMobieTrainClient client, MobieTrainWriteTarget target)
{
    private readonly ConcurrentDictionary<GroupSource, string> _createdGroups = new();

    public async Task CreateGroupAsync(CreateGroupAction action, CancellationToken cancellationToken)
    {
        var group = await client.CreateUserGroupAsync(target, action.Name, action.ExternalId, cancellationToken);
        _createdGroups[action.Source] = group.Id;
    }

    public Task RenameGroupAsync(RenameGroupAction action, CancellationToken cancellationToken) =>
        client.RenameUserGroupAsync(target, action.GroupId, action.NewName, cancellationToken);

    public Task RemoveAsync(SyncAction action, CancellationToken cancellationToken) => action switch
    {
        RemoveUserAction u => client.DeleteUserAsync(target, u.UserId, cancellationToken),
        RemoveInvitationAction i => client.DeleteInvitationAsync(target, i.InvitationId, cancellationToken),
        ExpireInvitationAction e => client.DeleteInvitationAsync(target, e.InvitationId, cancellationToken),
        WithdrawInvitationAction w => client.DeleteInvitationAsync(target, w.InvitationId, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Not a removal."),
    };

    public Task ChangeAsync(SyncAction action, CancellationToken cancellationToken) => action switch
    {
        ReplaceInvitationAction r => ReplaceAsync(r, cancellationToken),
        UpdateUserAction u => client.UpdateUserAsync(target, u.UserId, ToPatch(u.Patch), cancellationToken),
        UpdateInvitationAction i => client.UpdateInvitationAsync(target, i.InvitationId, ToPatch(i.Patch), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Not a change."),
    };

    public Task InviteAsync(InviteAction action, CancellationToken cancellationToken) =>
        client.CreateInvitationAsync(target, ToNewInvitation(action.Invitation), cancellationToken);

    private async Task ReplaceAsync(ReplaceInvitationAction action, CancellationToken cancellationToken)
    {
        // Resolved before the delete: a replacement whose group is missing must not lose its invitation.
        var invitation = ToNewInvitation(action.Invitation);
        await client.DeleteInvitationAsync(target, action.InvitationId, cancellationToken);
        await client.CreateInvitationAsync(target, invitation, cancellationToken);
    }

    private NewInvitation ToNewInvitation(PlannedInvitation planned) => new(
        planned.ExternalId, planned.FirstName, planned.LastName, planned.Email, planned.Phone, planned.Language, Resolve(planned.Groups));

    private PersonPatch ToPatch(PlannedPatch patch) => new(
        patch.FirstName, patch.LastName, patch.Email, patch.Phone, patch.Language, patch.Groups is null ? null : Resolve(patch.Groups));

    // A group whose create failed cannot be referenced: that record fails, the run goes on.
    private List<string> Resolve(IReadOnlyList<GroupRef> groups) => [.. groups.Select(reference => reference.GroupId
        ?? (_createdGroups.TryGetValue(reference.PendingSource!.Value, out var created) ? created
            : throw new MissingGroupException(reference.PendingSource.Value)))];

    internal sealed class MissingGroupException(GroupSource source)
        : Exception($"the group of {source} could not be created in this run, so this write was not attempted");
}
