using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "Record-level errors": no record fails through the run's own order. A change that takes an address
/// another change of the run frees is planned (whatever the ids' order) in a later wave; a cycle is broken by deferring one.
/// </summary>
public class AddressOrderTests
{
    [Test]
    public void AReplacementTakingTheAddressAUserUpdateFrees_IsPlannedAfterIt()
    {
        // Employee 3's invitation moves to x@, which user 5 gives up (moving to x2@) in the same run.
        var plan = new Plans().Eligible(3, email: "x@example.com").Invitation("3", email: "y@example.com")
            .Employee(5, email: "x2@example.com").User("5", email: "x@example.com").Plan();

        var replace = plan.Single<ReplaceInvitationAction>();
        var update = plan.Single<UpdateUserAction>();
        Assert.That(plan.Skips, Is.Empty);
        Assert.That(replace.Invitation.Email, Is.EqualTo("x@example.com"));
        Assert.That(update.Patch.Email, Is.EqualTo("x2@example.com"));
        Assert.That(replace.Wave, Is.GreaterThan(update.Wave), "the address is freed first");
    }

    [Test]
    public void AChainOfUserMoves_IsOrderedWhateverTheIds()
    {
        // 1: a@ → b@, 2: b@ → c@, 3: c@ → d@ — each waits for the next one's move.
        var plan = new Plans()
            .Employee(1, email: "b@example.com").User("1", email: "a@example.com")
            .Employee(2, email: "c@example.com").User("2", email: "b@example.com")
            .Employee(3, email: "d@example.com").User("3", email: "c@example.com").Plan();

        var waves = plan.All<UpdateUserAction>().ToDictionary(u => u.EmployeeId, u => (u.Patch.Email, u.Wave));
        Assert.That(waves[1], Is.EqualTo(("b@example.com", 2)));
        Assert.That(waves[2], Is.EqualTo(("c@example.com", 1)));
        Assert.That(waves[3], Is.EqualTo(("d@example.com", 0)));
    }

    [Test]
    public void TwoInvitationsSwappingAddresses_OneIsWithdrawnAndSkipped_TheOtherReplaced()
    {
        var plan = new Plans()
            .Eligible(1, email: "b@example.com").Invitation("1", email: "a@example.com")
            .Eligible(2, email: "a@example.com").Invitation("2", email: "b@example.com").Plan();

        Assert.That(plan.Single<WithdrawInvitationAction>().EmployeeId, Is.EqualTo(2));
        Assert.That(plan.Single<ReplaceInvitationAction>().EmployeeId, Is.EqualTo(1));
        Assert.That(plan.SkippedRecords(), Is.EqualTo(new[] { new SkippedRecord(2, SkipReason.DuplicateEmail) }));
        Assert.That(plan.PlannedCounts(), Is.EqualTo(new SyncCounts { InvitationsReplaced = 1, InvitationsRemoved = 1, Skipped = 1, GroupsCreated = 1 }));
        var withdraw = plan.Actions.ToList().FindIndex(a => a is WithdrawInvitationAction);
        Assert.That(withdraw, Is.LessThan(plan.Actions.ToList().FindIndex(a => a is ReplaceInvitationAction)), "the withdrawal frees the address first");
    }

    [Test]
    public void AUserAndAnInvitationSwappingAddresses_TheInvitationIsDeferred_TheUserMoves()
    {
        var plan = new Plans()
            .Employee(1, email: "b@example.com").User("1", email: "a@example.com")
            .Eligible(2, email: "a@example.com").Invitation("2", email: "b@example.com").Plan();

        Assert.That(plan.Single<WithdrawInvitationAction>().EmployeeId, Is.EqualTo(2));
        Assert.That(plan.Single<UpdateUserAction>().Patch.Email, Is.EqualTo("b@example.com"));
    }

    [Test]
    public void TwoUsersSwappingAddresses_CannotBeOrdered_BothAreSkippedDuplicateEmail_OtherFieldsStillFollow()
    {
        var plan = new Plans()
            .Employee(1, email: "b@example.com", last: "New").User("1", email: "a@example.com", last: "Old")
            .Employee(2, email: "a@example.com").User("2", email: "b@example.com").Plan();

        Assert.That(plan.SkippedRecords(), Is.EquivalentTo(new[] { new SkippedRecord(1, SkipReason.DuplicateEmail), new SkippedRecord(2, SkipReason.DuplicateEmail) }));
        Assert.That(plan.Single<UpdateUserAction>().Patch.ChangedFields, Is.EqualTo(new[] { "lastName" }));
        Assert.That(plan.All<WithdrawInvitationAction>(), Is.Empty);
    }

    [Test]
    public void AnAddressTakenByAProtectedRecord_StaysBlocked()
    {
        var plan = new Plans().Employee(1, email: "boss@example.com").User("1", email: "a@example.com").User(null, email: "boss@example.com").Plan();

        Assert.That(plan.All<UpdateUserAction>(), Is.Empty);
        Assert.That(plan.Skips, Is.Empty, "as before: a user's address that is taken is left, silently");
    }
}
