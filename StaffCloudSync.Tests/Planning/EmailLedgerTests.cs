using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Tests.Planning;

/// <summary>Who holds an address during a run, for DuplicateEmail: the ledger on its own, with hand-written records.</summary>
public sealed class EmailLedgerTests
{
    [Test]
    public void ProtectedRecord_HoldsItsAddress_AgainstEveryEmployee()
    {
        var ledger = Ledger(users: [User(null, "Shared@Example.com")]);

        Assert.That((ledger.IsUsedByOther("shared@example.com", 1), ledger.IsUsedByOther("shared@example.com", 2)), Is.EqualTo((true, true)));
    }

    [Test]
    public void OwnAddress_IsNotUsedByOther()
    {
        var ledger = Ledger(users: [User("7", "seven@example.com")]);

        Assert.That((ledger.IsUsedByOther("seven@example.com", 7), ledger.IsUsedByOther("seven@example.com", 8)), Is.EqualTo((false, true)));
    }

    [Test]
    public void RecordRemovedThisRun_FreesItsAddress()
    {
        var ledger = Ledger(users: [User("7", "seven@example.com")], invitations: [Invitation("8", "eight@example.com")], removed: id => id is 7 or 8);

        Assert.That((ledger.IsUsedByOther("seven@example.com", 1), ledger.IsUsedByOther("eight@example.com", 1)), Is.EqualTo((false, false)));
    }

    [Test]
    public void Move_FreesTheOldAddress_AndTakesTheNewOne()
    {
        var ledger = Ledger(users: [User("7", "old@example.com")]);

        ledger.Move(7, "old@example.com", "new@example.com");

        Assert.That((ledger.IsUsedByOther("old@example.com", 1), ledger.IsUsedByOther("new@example.com", 1)), Is.EqualTo((false, true)));
    }

    [Test]
    public void LowerEligible_IsTheLowestIdOfTheAddress_WhateverTheOrder()
    {
        var ledger = Ledger(eligible: [(30, "a@example.com"), (10, "a@example.com"), (20, "a@example.com")]);

        Assert.That(new[] { 10L, 20, 30 }.Select(id => ledger.IsOfLowerEligible("a@example.com", id)), Is.EqualTo(new[] { false, true, true }));
    }

    private static EmailLedger Ledger(
        MobieTrainUser[]? users = null, MobieTrainInvitation[]? invitations = null, Func<long?, bool>? removed = null,
        (long, string)[]? eligible = null) =>
        new(users ?? [], invitations ?? [], (id, _) => removed?.Invoke(id) ?? false, eligible ?? []);

    private static MobieTrainUser User(string? externalId, string email) =>
        new("u-" + email, externalId, new MobieTrainProfile("A", "B", email, null, null), [], null);

    private static MobieTrainInvitation Invitation(string externalId, string email) =>
        new("i-" + email, externalId, new MobieTrainProfile("A", "B", email, null, null), [], null);
}
