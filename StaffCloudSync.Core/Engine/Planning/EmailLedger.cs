using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Who holds which address after this run's removals (a protected record too), and each address's lowest-id eligible
/// employee, for rules 3 and 7's <c>DuplicateEmail</c>; <see cref="AddressMoves"/> moves accepted changes in.</summary>
internal sealed class EmailLedger
{
    private readonly Dictionary<string, List<long?>> _owners = new(EmailAddress.Comparer);
    private readonly Dictionary<string, long> _lowestEligibleId = new(EmailAddress.Comparer);

    public EmailLedger(IReadOnlyList<MobieTrainUser> users, IReadOnlyList<MobieTrainInvitation> invitations,
        Func<long?, MobieTrainInvitation?, bool> isRemovedThisRun, IEnumerable<(long EmployeeId, string Email)> eligible)
    {
        var records = users.Select(u => (u.ExternalId, u.Profile.Email, Invitation: (MobieTrainInvitation?)null))
            .Concat(invitations.Select(i => (i.ExternalId, i.Profile.Email, Invitation: (MobieTrainInvitation?)i)));
        foreach (var (externalId, email, invitation) in records)
        {
            var employeeId = Definitions.SyncedEmployeeId(externalId);
            if (!isRemovedThisRun(employeeId, invitation))
                AddOwner(email, employeeId);
        }

        foreach (var (employeeId, email) in eligible)
        {
            if (!_lowestEligibleId.TryGetValue(email, out var lowest) || employeeId < lowest)
                _lowestEligibleId[email] = employeeId;
        }
    }

    public bool IsUsedByOther(string email, long employeeId) =>
        _owners.TryGetValue(email, out var owners) && owners.Exists(owner => owner != employeeId);

    public bool IsOfLowerEligible(string email, long employeeId) =>
        _lowestEligibleId.TryGetValue(email, out var lowest) && lowest < employeeId;

    /// <summary>Applied before new invitations: the old address is free for them; <paramref name="to"/> null for a withdrawal.</summary>
    public void Move(long employeeId, string? from, string? to)
    {
        if (EmailAddress.Normalize(from) is { } old && _owners.TryGetValue(old, out var owners))
            owners.Remove(employeeId);

        AddOwner(to, employeeId);
    }

    private void AddOwner(string? rawEmail, long? employeeId)
    {
        if (EmailAddress.Normalize(rawEmail) is not { } email)
            return;

        if (!_owners.TryGetValue(email, out var owners))
            _owners[email] = owners = new List<long?>(1);

        owners.Add(employeeId);
    }
}
