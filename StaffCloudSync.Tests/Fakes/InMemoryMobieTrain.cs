using System.Runtime.CompilerServices;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Tests.Fakes;

/// <summary>
/// MobieTrain's contract (mobietrain-api.md) in memory, for engine-level tests: validation (422), conflicts
/// (409 resolved the way the real client resolves them), 404-as-done deletes, write counting, and a switch
/// that fails chosen writes. The HTTP simulator and client are tested separately over loopback HTTP.
/// </summary>
internal sealed class InMemoryMobieTrain(TimeProvider time) : IMobieTrainClient
{
    private readonly Lock _gate = new();
    private int _nextId = 1000;

    public List<MobieTrainUserGroup> Groups { get; } = [];
    public List<MobieTrainUser> Users { get; } = [];
    public List<MobieTrainInvitation> Invitations { get; } = [];
    public int Writes { get; private set; }
    public int Reads { get; private set; }

    /// <summary>Decides per write whether it fails: return an exception to throw, or null to serve it.</summary>
    public Func<string, Exception?>? FailWrite { get; set; }

    public MobieTrainUserGroup AddGroup(string name, string? externalId = null, string? id = null)
    {
        var group = new MobieTrainUserGroup(id ?? NewId("g"), name, externalId);
        Groups.Add(group);
        return group;
    }

    public MobieTrainUser AddUser(MobieTrainUser user)
    {
        Users.Add(user);
        return user;
    }

    public MobieTrainInvitation AddInvitation(MobieTrainInvitation invitation)
    {
        Invitations.Add(invitation);
        return invitation;
    }

    /// <summary>The invitee accepts: the invitation disappears and a user with its profile and groups appears.</summary>
    public void Accept(string externalId, DateTimeOffset at)
    {
        lock (_gate)
        {
            var invitation = Invitations.Single(i => i.ExternalId == externalId);
            Invitations.Remove(invitation);
            Users.Add(new MobieTrainUser(NewId("u"), invitation.ExternalId, invitation.Profile, invitation.UserGroupIds, at));
        }
    }

    /// <summary>
    /// True (the default) for an onboarded account: the reads show the asking tenant's marker, which <see cref="Groups"/> leaves
    /// out so that tests of the rules see only the groups they seeded. False for a new or unclaimed account.
    /// </summary>
    public bool Claimed { get; set; } = true;

    public IAsyncEnumerable<MobieTrainUserGroup> GetUserGroupsAsync(MobieTrainTarget target, CancellationToken cancellationToken) =>
        Claimed && !Groups.Any(g => TenantMarker.IsMarker(g.ExternalId))
            ? List([.. Groups, new MobieTrainUserGroup("ug-marker", TenantMarker.NameFor(target.TenantId), TenantMarker.ExternalIdFor(target.TenantId))])
            : List(Groups);

    public IAsyncEnumerable<MobieTrainUser> GetUsersAsync(MobieTrainTarget target, CancellationToken cancellationToken) => List(Users);

    public IAsyncEnumerable<MobieTrainInvitation> GetInvitationsAsync(MobieTrainTarget target, CancellationToken cancellationToken) => List(Invitations);

    public Task<MobieTrainUserGroup> CreateUserGroupAsync(MobieTrainWriteTarget target, string name, string? externalId, CancellationToken cancellationToken) =>
        Write($"POST /user-groups {externalId ?? name}", () =>
        {
            var existing = Groups.FirstOrDefault(g => (externalId is not null && g.ExternalId == externalId) || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                // As the real client resolves a 409: ours by externalId, or, for a base group (no externalId), by name.
                return existing.ExternalId == externalId || externalId is null
                    ? existing
                    : throw new MobieTrainRecordException($"a group named like this exists already ({existing.Id})", 409, "conflict");
            }

            return AddGroup(name, externalId);
        });

    public Task RenameUserGroupAsync(MobieTrainWriteTarget target, string groupId, string name, CancellationToken cancellationToken) =>
        Write($"PATCH /user-groups/{groupId}", () =>
        {
            var index = Groups.FindIndex(g => g.Id == groupId);
            if (index < 0)
            {
                throw new MobieTrainRecordException("group not found", 404, "not_found");
            }

            Groups[index] = Groups[index] with { Name = name };
            return true;
        });

    public Task UpdateUserAsync(MobieTrainWriteTarget target, string userId, PersonPatch patch, CancellationToken cancellationToken) =>
        Write($"PATCH /users/{userId}", () =>
        {
            var index = Users.FindIndex(u => u.Id == userId);
            if (index < 0)
            {
                throw new MobieTrainRecordException("user not found", 404, "not_found");
            }

            CheckGroups(patch.UserGroupIds);
            var user = Users[index];
            Users[index] = user with
            {
                Profile = Apply(user.Profile, patch, allowContact: true),
                UserGroupIds = patch.UserGroupIds?.ToList() ?? user.UserGroupIds,
            };
            return true;
        });

    public Task DeleteUserAsync(MobieTrainWriteTarget target, string userId, CancellationToken cancellationToken) =>
        Write($"DELETE /users/{userId}", () => Users.RemoveAll(u => u.Id == userId));

    public Task<MobieTrainInvitation> CreateInvitationAsync(MobieTrainWriteTarget target, NewInvitation invitation, CancellationToken cancellationToken) =>
        Write($"POST /invitations {invitation.ExternalId}", () =>
        {
            if (string.IsNullOrWhiteSpace(invitation.FirstName) || string.IsNullOrWhiteSpace(invitation.LastName)
                || (invitation.Email is null && invitation.Phone is null))
            {
                throw new MobieTrainRecordException("firstName, lastName and email or phone are required", 422, "validation");
            }

            CheckGroups(invitation.UserGroupIds);
            var sameExternal = Invitations.FirstOrDefault(i => i.ExternalId == invitation.ExternalId);
            if (sameExternal is not null)
            {
                return sameExternal;
            }

            if (Users.Any(u => u.ExternalId == invitation.ExternalId))
            {
                throw new MobieTrainRecordException("a user with this externalId exists", 409, "conflict");
            }

            if (invitation.Email is { } email && Users.Select(u => u.Profile.Email).Concat(Invitations.Select(i => i.Profile.Email))
                    .Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase)))
            {
                throw new MobieTrainRecordException("a user or invitation with this email exists", 409, "conflict");
            }

            var created = new MobieTrainInvitation(NewId("i"), invitation.ExternalId,
                new MobieTrainProfile(invitation.FirstName, invitation.LastName, invitation.Email, invitation.Phone, invitation.Language),
                invitation.UserGroupIds.ToList(), time.GetUtcNow());
            Invitations.Add(created);
            return created;
        });

    public Task UpdateInvitationAsync(MobieTrainWriteTarget target, string invitationId, PersonPatch patch, CancellationToken cancellationToken) =>
        Write($"PATCH /invitations/{invitationId}", () =>
        {
            var index = Invitations.FindIndex(i => i.Id == invitationId);
            if (index < 0)
            {
                throw new MobieTrainRecordException("invitation not found", 404, "not_found");
            }

            if (patch.Email is not null || patch.Phone is not null)
            {
                throw new MobieTrainRecordException("email and phone of an invitation cannot change", 422, "validation");
            }

            CheckGroups(patch.UserGroupIds);
            var invitation = Invitations[index];
            Invitations[index] = invitation with
            {
                Profile = Apply(invitation.Profile, patch, allowContact: false),
                UserGroupIds = patch.UserGroupIds?.ToList() ?? invitation.UserGroupIds,
            };
            return true;
        });

    public Task DeleteInvitationAsync(MobieTrainWriteTarget target, string invitationId, CancellationToken cancellationToken) =>
        Write($"DELETE /invitations/{invitationId}", () => Invitations.RemoveAll(i => i.Id == invitationId));

    private static MobieTrainProfile Apply(MobieTrainProfile profile, PersonPatch patch, bool allowContact) => profile with
    {
        FirstName = patch.FirstName ?? profile.FirstName,
        LastName = patch.LastName ?? profile.LastName,
        Email = allowContact ? patch.Email ?? profile.Email : profile.Email,
        Phone = allowContact ? patch.Phone ?? profile.Phone : profile.Phone,
        Language = patch.Language ?? profile.Language,
    };

    private void CheckGroups(IReadOnlyList<string>? groupIds)
    {
        if (groupIds?.FirstOrDefault(id => Groups.All(g => g.Id != id)) is { } unknown)
        {
            throw new MobieTrainRecordException($"unknown user group {unknown}", 422, "validation");
        }
    }

    private Task<T> Write<T>(string request, Func<T> serve)
    {
        lock (_gate)
        {
            Writes++;
            if (FailWrite?.Invoke(request) is { } failure)
            {
                return Task.FromException<T>(failure);
            }

            try
            {
                return Task.FromResult(serve());
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }
    }

    private async IAsyncEnumerable<T> List<T>(List<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        T[] copy;
        lock (_gate)
        {
            Reads++;
            copy = [.. source];
        }

        foreach (var item in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }

    private string NewId(string prefix) => $"{prefix}{Interlocked.Increment(ref _nextId)}";
}
