using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "Safety", deletion guard: D &gt; max(minimum, ceil(N × percent / 100)) holds rule-1 deletions.</summary>
public class DeletionGuardTests
{
    /// <summary>A tenant with <paramref name="active"/> active users and <paramref name="deactivated"/> deactivated ones.</summary>
    private static Plans Tenant(int active, int deactivated, bool allowed = false, int? minimum = null, int? percent = null)
    {
        var plans = new Plans
        {
            ApprovedDeletions = allowed ? Enumerable.Range(1001, deactivated).Select(i => (long)i).ToHashSet() : [],
            Tenant = Plans.DefaultTenant() with
            {
                DeletionThresholdMinimum = minimum ?? 10,
                DeletionThresholdPercent = percent ?? 20,
            },
        };
        for (var id = 1; id <= active; id++)
        {
            plans.Employee(id).User($"{id}");
        }

        for (var id = 1001; id <= 1000 + deactivated; id++)
        {
            plans.Employee(id, status: 5).User($"{id}");
        }

        return plans;
    }

    [TestCase(0, 10, false)]   // N = 10: threshold max(10, 2) = 10; D = 10 is not more
    [TestCase(0, 11, true)]    // D = 11 > 10
    [TestCase(90, 20, false)]  // N = 110: threshold max(10, ceil(22)) = 22
    [TestCase(90, 23, false)]  // N = 113: threshold ceil(22.6) = 23; D = 23 is not more
    [TestCase(90, 24, true)]   // N = 114: threshold ceil(22.8) = 23; D = 24 > 23
    public void Guard_ThresholdIsMaxOfMinimumAndPercentOfSyncedPersons(int active, int deactivated, bool heldExpected)
    {
        var plan = Tenant(active, deactivated).Plan();
        var guard = plan.DeletionGuard;
        var threshold = Math.Max(10, (int)Math.Ceiling((active + deactivated) * 0.2));
        Assert.That(guard.Threshold, Is.EqualTo(threshold));
        Assert.That(guard.Tripped, Is.EqualTo(heldExpected));
        Assert.That(guard.SyncedPersons, Is.EqualTo(active + deactivated));
    }

    [Test]
    public void Guard_Tripped_NoRule1DeletionApplied_EverythingElseIs()
    {
        var plans = Tenant(0, 11);
        plans.Employee(1, last: "New").User("1", last: "Old").Eligible(2);
        var plan = plans.Plan();
        Assert.That(plan.DeletionGuard.Tripped, Is.True);
        Assert.That(plan.All<RemoveUserAction>(), Is.Empty);
        Assert.That(plan.All<HoldDeletionAction>(), Has.Count.EqualTo(11));
        Assert.That(plan.All<UpdateUserAction>(), Has.Count.EqualTo(1));
        Assert.That(plan.All<InviteAction>(), Has.Count.EqualTo(1));
        Assert.That(plan.PlannedCounts().DeletionsHeld, Is.EqualTo(11));
        Assert.That(plan.HeldDeletionRecords(), Has.All.Matches<HeldDeletion>(h => h.Kind == PersonKind.User && h.EmployeeId > 1000));
    }

    [Test]
    public void Guard_CountsUsersAndInvitations()
    {
        var plans = Tenant(0, 6);
        for (var id = 1001; id <= 1006; id++)
        {
            plans.Invitation($"{id}");
        }

        Assert.That(plans.Plan().DeletionGuard.Deletions, Is.EqualTo(12));
    }

    [Test]
    public void Guard_AllowedByOperator_DeletionsGoThrough()
    {
        var plan = Tenant(0, 11, allowed: true).Plan();
        Assert.That(plan.All<RemoveUserAction>(), Has.Count.EqualTo(11));
        Assert.That(plan.DeletionGuard.UsesApproval, Is.True);
        Assert.That(plan.DeletionGuard.Tripped, Is.False);
    }

    [Test]
    public void Guard_ApprovalCoversOnlyItsPersons_OthersCountAndAreHeld()
    {
        // 12 approved (held by an earlier run), then 14 more deactivated: only the 14 count in D, and they alone are held.
        var plans = Tenant(0, 26);
        plans.ApprovedDeletions = Enumerable.Range(1001, 12).Select(i => (long)i).ToHashSet();
        plans.Employee(2000, status: 5).Invitation("2000");

        var plan = plans.Plan();

        Assert.That(plan.DeletionGuard.Deletions, Is.EqualTo(15), "14 users and one invitation nobody approved");
        Assert.That(plan.DeletionGuard.ApprovedDeletions, Is.EqualTo(12));
        Assert.That(plan.DeletionGuard.Tripped, Is.True);
        Assert.That(plan.All<RemoveUserAction>().Select(r => r.EmployeeId), Is.EquivalentTo(plans.ApprovedDeletions));
        Assert.That(plan.All<HoldDeletionAction>().Select(h => h.EmployeeId).Distinct(), Is.EquivalentTo(Enumerable.Range(1013, 14).Select(i => (long)i).Append(2000)));
    }

    [Test]
    public void Guard_ApprovedPersonsDoNotTripIt_UnapprovedUnderTheThresholdGoToo()
    {
        var plans = Tenant(0, 20);
        plans.ApprovedDeletions = Enumerable.Range(1001, 15).Select(i => (long)i).ToHashSet();

        var plan = plans.Plan();

        Assert.That(plan.DeletionGuard.Deletions, Is.EqualTo(5));
        Assert.That(plan.DeletionGuard.Tripped, Is.False);
        Assert.That(plan.All<RemoveUserAction>(), Has.Count.EqualTo(20));
        Assert.That(plan.All<HoldDeletionAction>(), Is.Empty);
    }

    [Test]
    public void Guard_StaleInvitationRemovals_AreNotCountedOrHeld()
    {
        var plans = Tenant(0, 0);
        for (var id = 1; id <= 30; id++)
        {
            plans.Employee(id).Invitation($"{id}", createdAt: Plans.Now.AddYears(-1));
        }

        var plan = plans.Plan();
        Assert.That(plan.DeletionGuard.Deletions, Is.Zero);
        Assert.That(plan.All<ExpireInvitationAction>(), Has.Count.EqualTo(30));
    }

    [Test]
    public void Guard_SettingsAreTheTenants()
    {
        Assert.That(Tenant(0, 3, minimum: 2).Plan().DeletionGuard.Tripped, Is.True);
        Assert.That(Tenant(100, 3, minimum: 0, percent: 1).Plan().DeletionGuard.Threshold, Is.EqualTo(2));
    }
}
