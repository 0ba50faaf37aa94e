using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Who holds which e-mail address during the run, for rule 3's and rule 7's <c>DuplicateEmail</c>: the MobieTrain records
/// that still hold an address after this run's removals (a protected record holds one too), and the lowest-id eligible
/// employee of each address. <see cref="AddressMoves"/> builds it and moves the run's address changes in as it accepts them.</summary>
internal sealed class EmailLedger
{
    private readonly Dictionary<string, List<long?>> _owners = new(EmailAddress.Comparer);
    private readonly Dictionary<string, long> _lowestEligibleId = new(EmailAddress.Comparer);

    public EmailLedger(
        IReadOnlyList<MobieTrainUser> users,
        IReadOnlyList<MobieTrainInvitation> invitations,
        Func<long?, MobieTrainInvitation?, bool> isRemovedThisRun,
        IEnumerable<(long EmployeeId, string Email)> eligible)
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

    /// <summary>True when a MobieTrain user or invitation of another person (or a protected one) uses the address.</summary>
    public bool IsUsedByOther(string email, long employeeId) =>
        _owners.TryGetValue(email, out var owners) && owners.Exists(owner => owner != employeeId);

    public bool IsOfLowerEligible(string email, long employeeId) =>
        _lowestEligibleId.TryGetValue(email, out var lowest) && lowest < employeeId;

    /// <summary>A record of this person changes address in this run (a user's update, an invitation's replacement or withdrawal,
    /// <paramref name="to"/> null), which is applied before new invitations: the old address is free for them, the new one taken.</summary>
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
