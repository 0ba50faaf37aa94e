using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>The planner's side of the proof rule: absence from StaffCloud's list alone never deletes anyone.</summary>
public sealed class UnprovenDeletionTests
{
    [Test]
    public void SyncedPersonMissingWithoutA404_IsHeldWithTheReason_AndNothingOfTheirsChanges()
    {
        var plan = new Plans().User("8").Invitation("8", createdAt: Plans.Now.AddMonths(-7)).Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Actions.Select(a => a.Kind), Is.EqualTo(new[] { "holdDeletion", "holdDeletion" }), "not even the stale invitation expires");
            Assert.That(plan.HeldDeletions.Select(h => h.Cause), Is.All.Contains("left them out"));
            Assert.That(plan.DeletionGuard.Unproven, Is.EqualTo(2));
            Assert.That(plan.DeletionGuard.HoldsAny, Is.True);
        }
    }

    [Test]
    public void A404_IsTheProof_AndTheDeletionIsPlannedWithThatCause()
    {
        var plan = new Plans().User("8").HardDeleted(8).Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<RemoveUserAction>().Why, Does.Contain("404"));
            Assert.That(plan.DeletionGuard.HoldsAny, Is.False);
        }
    }

    [Test]
    public void UnprovenRecords_CountInTheGuard_SoOtherDeletionsAreHeldWithThem()
    {
        var plans = new Plans().Employee(20, status: 5).User("20");
        for (var id = 1; id <= 11; id++)
        {
            plans.User($"{id}");
        }

        var plan = plans.Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.DeletionGuard.Deletions, Is.EqualTo(1));
            Assert.That(plan.DeletionGuard.Unproven, Is.EqualTo(11));
            Assert.That(plan.DeletionGuard.Tripped, Is.True, "12 > the minimum of 10");
            Assert.That(plan.Actions.OfType<RemoveUserAction>(), Is.Empty);
            Assert.That(plan.HeldDeletions.Select(h => h.EmployeeId), Has.Member(20L));
        }
    }

    [Test]
    public void Approval_LetsProvenDeletionsThrough_ButNeverAnUnprovenOne()
    {
        // An approval naming everyone: the proven deletion goes through, the unproven ones still do not.
        var plans = new Plans { ApprovedDeletions = [.. Enumerable.Range(1, 20).Select(i => (long)i)] }.Employee(20, status: 5).User("20");
        for (var id = 1; id <= 11; id++)
        {
            plans.User($"{id}");
        }

        var plan = plans.Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<RemoveUserAction>().EmployeeId, Is.EqualTo(20));
            Assert.That(plan.HeldDeletions.Select(h => h.EmployeeId), Is.EquivalentTo(Enumerable.Range(1, 11).Select(i => (long)i)));
            Assert.That(plan.DeletionGuard.HoldsAny, Is.True);
        }
    }
}
