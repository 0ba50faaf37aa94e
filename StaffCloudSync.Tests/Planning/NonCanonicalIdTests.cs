using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "synced person" and rule 9: a user or invitation whose externalId only looks like employee 12's
/// (<c>0012</c>, <c>+12</c>, <c>12.0</c>, <c> 12</c>) is protected — whatever employee 12's state, it is never changed or
/// deleted, not counted in the deletion guard's N, and its e-mail still counts against a new invitation.
/// </summary>
public class NonCanonicalIdTests
{
    private static readonly string[] LookAlikes = ["0012", "+12", "12.0", " 12", "012"];

    [TestCase(5)]
    [TestCase(6)]
    public void Rule1_DeactivatedEmployee12_LeavesTheLookAlikesAlone(int status)
    {
        var plan = LookAlikeRecords(new Plans().Employee(12, status: status)).Plan();

        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [Test]
    public void Rule1_HardDeletedEmployee12_LeavesTheLookAlikesAlone()
    {
        // No synced person 12: nobody to read singly, nothing to prove, nothing to remove.
        var plan = LookAlikeRecords(new Plans()).HardDeleted(12).Plan();

        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }

    [Test]
    public void Rule1_DeactivatedEmployee12_RemovesOnlyItsSyncedRecord()
    {
        var plan = LookAlikeRecords(new Plans().Employee(12, status: 5)).User("12", email: "twelve@example.com").Plan();

        Assert.That(plan.Single<RemoveUserAction>().UserId, Is.EqualTo("u12"));
        Assert.That(plan.Actions.Select(a => a.MobieTrainId), Has.None.StartsWith("lookalike"));
    }

    [Test]
    public void Rule3_EligibleEmployee12_IsInvitedSeparately_AndTheLookAlikesAreNotUpdated()
    {
        var plan = LookAlikeRecords(new Plans().Event(10).EventGroup(10).Employee(12, last: "New", email: "twelve@example.com").Assignment(12, 10)).Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<InviteAction>().Invitation.ExternalId, Is.EqualTo("12"));
            Assert.That(plan.Actions.Select(a => a.MobieTrainId), Has.None.StartsWith("lookalike"), PlanAssertions.Describe(plan));
        }
    }

    [Test]
    public void Rule3_LookAlikeHoldingTheEmployeesEmail_MakesItDuplicateEmail()
    {
        var plan = new Plans().Event(10).EventGroup(10).Employee(12, email: "ana@example.com").Assignment(12, 10)
            .User("0012", email: "ANA@example.com", id: "lookalike-u").Plan();

        Assert.That(plan.Single<SkipAction>().Reason, Is.EqualTo(SkipReason.DuplicateEmail));
        Assert.That(plan.Actions.Where(a => a is not SkipAction), Is.Empty);
    }

    [Test]
    public void DeletionGuard_LookAlikes_AreNotCountedInN()
    {
        var plan = LookAlikeRecords(new Plans().Employee(12, status: 5)).User("12", email: "twelve@example.com").Plan();

        Assert.That(plan.DeletionGuard.SyncedPersons, Is.EqualTo(1));
    }

    private static Plans LookAlikeRecords(Plans plans)
    {
        for (var i = 0; i < LookAlikes.Length; i++)
        {
            plans.User(LookAlikes[i], last: "Other", email: $"other{i}@example.com", id: $"lookalike-u{i}", groups: "g-manual")
                .Invitation(LookAlikes[i], last: "Other", email: $"inv{i}@example.com", id: $"lookalike-i{i}");
        }

        return plans;
    }
}
