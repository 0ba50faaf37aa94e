using static StaffCloudSync.Core.Partners.MobieTrain.Http.MobieTrainErrorText;
using static StaffCloudSync.Core.Partners.MobieTrain.Http.MobieTrainAnswers;

namespace StaffCloudSync.Core.Partners.MobieTrain.Http;

/// <summary>A create answered 409: when the record in the way is ours, the create happened already and that record is the result.</summary>
internal sealed class MobieTrainConflicts(IMobieTrainClient lists, ILogger logger)
{
    private const string ConflictCode = "conflict";

    public async Task<MobieTrainUserGroup> ResolveGroupConflictAsync(MobieTrainTarget target, MobieTrainWrite write, string name,
        string? externalId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken);
        var existing = (error.ExistingKind is null or "userGroup" ? TryRead(error.Existing, ReadUserGroup) : null)
            ?? await FindGroupAsync(target, name, externalId, cancellationToken);

        // A group with an externalId is ours when the existing one carries it; a base group is known by its name alone.
        if (existing is not null && (externalId is null
                ? string.Equals(existing.Name, name, StringComparison.OrdinalIgnoreCase)
                : string.Equals(existing.ExternalId, externalId, StringComparison.Ordinal)))
        {
            MobieTrainClientLog.ConflictResolved(logger, target.TenantId, target.AccountId, write.Operation, externalId ?? name, existing.Id);
            return existing;
        }

        MobieTrainClientLog.WriteRefused(logger, target.TenantId, target.AccountId, write.Operation, 409, SafeCode(error.Code));
        throw new MobieTrainRecordException(existing is null
                ? $"MobieTrain refused {write.Operation} (409 conflict) but no group with this externalId or name is listed: {Cut(error.Message)}"
                : $"MobieTrain refused {write.Operation} (409 conflict): the name is taken by group {existing.Id}, which belongs to " +
                  "another externalId.",
            409, SafeCode(error.Code) ?? ConflictCode);
    }

    public async Task<MobieTrainInvitation> ResolveInvitationConflictAsync(
        MobieTrainTarget target, MobieTrainWrite write, NewInvitation invitation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken);
        var existing = TryReadPerson(error) ?? await FindPersonAsync(target, invitation, cancellationToken);

        // Ours: invited before (the answer was lost) or accepted already. Either way the person is in MobieTrain.
        if (existing is not null && string.Equals(existing.Record.ExternalId, invitation.ExternalId, StringComparison.Ordinal))
        {
            MobieTrainClientLog.ConflictResolved(logger, target.TenantId, target.AccountId, write.Operation, invitation.ExternalId,
                existing.Record.Id);
            return existing.Record;
        }

        MobieTrainClientLog.WriteRefused(logger, target.TenantId, target.AccountId, write.Operation, 409, SafeCode(error.Code));
        throw new MobieTrainRecordException(existing is null
                ? $"MobieTrain refused {write.Operation} (409 conflict) but no user or invitation with this externalId or e-mail is listed: " +
                  Cut(error.Message)
                : $"MobieTrain refused {write.Operation} (409 conflict): the e-mail is already used by another {existing.Kind} {existing.Record.Id}.",
            409, SafeCode(error.Code) ?? ConflictCode);
    }

    private async Task<MobieTrainUserGroup?> FindGroupAsync(
        MobieTrainTarget target, string name, string? externalId, CancellationToken cancellationToken)
    {
        MobieTrainUserGroup? sameName = null;
        await foreach (var group in lists.GetUserGroupsAsync(target, cancellationToken))
        {
            if (externalId is not null && string.Equals(group.ExternalId, externalId, StringComparison.Ordinal))
                return group;

            sameName ??= string.Equals(group.Name, name, StringComparison.OrdinalIgnoreCase) ? group : null;
        }

        return sameName;
    }

    private async Task<ConflictingPerson?> FindPersonAsync(MobieTrainTarget target, NewInvitation invitation, CancellationToken cancellationToken)
    {
        var people = lists.GetInvitationsAsync(target, cancellationToken).Select(pending => new ConflictingPerson("invitation", pending))
            .Concat(lists.GetUsersAsync(target, cancellationToken).Select(ConflictingPerson.FromUser));
        ConflictingPerson? sameEmail = null;
        await foreach (var person in people.WithCancellation(cancellationToken))
        {
            if (string.Equals(person.Record.ExternalId, invitation.ExternalId, StringComparison.Ordinal))
                return person;

            sameEmail ??= invitation.Email is not null
                && string.Equals(person.Record.Profile.Email, invitation.Email, StringComparison.OrdinalIgnoreCase) ? person : null;
        }

        return sameEmail;
    }

    private static ConflictingPerson? TryReadPerson(MobieTrainErrorBody error) => error.ExistingKind switch
    {
        "user" => TryRead(error.Existing, ReadUser) is { } user ? ConflictingPerson.FromUser(user) : null,
        "invitation" => TryRead(error.Existing, ReadInvitation) is { } invitation ? new ConflictingPerson("invitation", invitation) : null,
        _ => null,
    };

    // A user (the invitee accepted already) stands in for the invitation the create returns, registeredAt as its date.
    private sealed record ConflictingPerson(string Kind, MobieTrainInvitation Record)
    {
        public static ConflictingPerson FromUser(MobieTrainUser user) =>
            new("user", new MobieTrainInvitation(user.Id, user.ExternalId, user.Profile, user.UserGroupIds, user.RegisteredAt));
    }
}
