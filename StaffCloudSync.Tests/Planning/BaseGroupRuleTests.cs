using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "base groups" with rules 3, 4, 6 and 7: every synced person of an active employee always has the base
/// groups, eligible or not, whatever PreserveManualGroups says; a missing one is created once, when someone needs it.
/// </summary>
public class BaseGroupRuleTests
{
    private static Plans WithBase(string baseGroups = "Default Group", bool preserve = false) =>
        new() { Tenant = Plans.DefaultTenant() with { BaseGroups = baseGroups, PreserveManualGroups = preserve } };

    [Test]
    public void BaseGroups_EligibleUserWithoutThem_GetsThemAdded()
    {
        var plan = WithBase().Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").User("1", groups: "g10").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10"), GroupRef.Existing("gd") }));
    }

    [Test]
    public void BaseGroups_ByDefault_OtherManualGroupsGoButTheBaseGroupsStay()
    {
        var plan = WithBase().Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").Group("gm", "Managers")
            .User("1", groups: ["gd", "gm", "g10"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EquivalentTo(new[] { GroupRef.Existing("g10"), GroupRef.Existing("gd") }));
    }

    [Test]
    public void BaseGroups_WithPreserveManualGroups_AreStillAdded()
    {
        var plan = WithBase(preserve: true).Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").Group("gm", "Managers")
            .User("1", groups: ["gm", "g10"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups,
            Is.EquivalentTo(new[] { GroupRef.Existing("g10"), GroupRef.Existing("gd"), GroupRef.Existing("gm") }));
    }

    [Test]
    public void BaseGroups_ActiveButNotEligibleUser_KeepsOnlyTheBaseGroups()
    {
        // Event 9 is over: the user is active but has no current event; the base group stays, everything else goes.
        var plan = WithBase().Event(9, start: "2026-02-01 08:00:00", end: "2026-02-01 18:00:00").EventGroup(9)
            .Group("gd", "Default Group").Group("gm", "Managers").Employee(1).Assignment(1, 9).User("1", groups: ["g9", "gd", "gm"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("gd") }));
    }

    [Test]
    public void BaseGroups_ActiveButNotEligibleUserWithoutThem_GetsThem()
    {
        var plan = WithBase().Group("gd", "Default Group").Employee(1).User("1").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("gd") }));
    }

    [Test]
    public void BaseGroups_UserWhoHasEverything_IsNotWritten()
    {
        var plan = WithBase().Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").User("1", groups: ["gd", "g10"]).Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [Test]
    public void BaseGroups_NewInvitation_CarriesThem()
    {
        var plan = WithBase("Default Group; Staff").Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").Group("gs", "Staff").Plan();
        Assert.That(plan.Single<InviteAction>().Invitation.Groups,
            Is.EqualTo(new[] { GroupRef.Existing("g10"), GroupRef.Existing("gd"), GroupRef.Existing("gs") }));
    }

    [Test]
    public void BaseGroups_PendingInvitationWithNoCurrentEvent_ShrinksToTheBaseGroups()
    {
        var plan = WithBase().Event(9, start: "2026-02-01 08:00:00", end: "2026-02-01 18:00:00").EventGroup(9)
            .Group("gd", "Default Group").Employee(1).Assignment(1, 9).Invitation("1", groups: "g9").Plan();
        Assert.That(plan.Single<UpdateInvitationAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("gd") }));
    }

    [Test]
    public void BaseGroups_Missing_IsCreatedOnceByNameWithoutExternalId()
    {
        var plan = WithBase().Eligible(1, 10).Eligible(2, 10).EventGroup(10).Employee(3).User("3").Plan();
        var pending = GroupRef.Pending(GroupSource.Base("Default Group"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<CreateGroupAction>(), Is.EqualTo(new CreateGroupAction(GroupSource.Base("Default Group"), "Default Group")));
            Assert.That(plan.Single<CreateGroupAction>().ExternalId, Is.Null);
            Assert.That(plan.Actions[0], Is.InstanceOf<CreateGroupAction>(), "created before the writes that need it");
            Assert.That(plan.All<InviteAction>().Select(i => i.Invitation.Groups), Has.All.Contains(pending));
            Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { pending }));
        }
    }

    [Test]
    public void BaseGroups_MissingButNeededByNobody_IsNotCreated()
    {
        // The only confirmed employee has no contact: skipped, so nobody needs the base group.
        var plan = WithBase().Event(10).Employee(1, email: null).Assignment(1, 10).Plan();
        Assert.That(plan.All<CreateGroupAction>(), Is.Empty);
    }

    [Test]
    public void BaseGroups_MatchCaseInsensitively_TheExactNameWinning()
    {
        var plan = WithBase().Group("g1", "DEFAULT GROUP").Group("g3", "Default Group").Group("g2", "default group").Employee(1).User("1").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g3") }));
    }

    [Test]
    public void BaseGroups_MatchCaseInsensitively_ElseTheLowestId()
    {
        var plan = WithBase().Group("g2", "default group").Group("g10", "DEFAULT group").Employee(1).User("1").Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }), "ordinal: g10 < g2");
            Assert.That(plan.All<CreateGroupAction>(), Is.Empty);
        }
    }

    [Test]
    public void BaseGroups_NameTakenOutOfTheSetting_IsAnOrdinaryGroupAgain()
    {
        var removed = WithBase(baseGroups: "").Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").User("1", groups: ["g10", "gd"]).Plan();
        var kept = WithBase(baseGroups: "", preserve: true).Eligible(1, 10).EventGroup(10).Group("gd", "Default Group").User("1", groups: ["g10", "gd"]).Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
            Assert.That(kept.Actions, Is.Empty, "with PreserveManualGroups it is a manual group, left alone");
        }
    }

    [Test]
    public void BaseGroups_CandidatesUser_IsLeftAsItIs()
    {
        // Status 2 (rule 8): the user is left as it is, without the base group.
        var plan = WithBase().Group("gd", "Default Group").Employee(1, status: 2).User("1").Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [Test]
    public void BaseGroups_EventGroupRenderingABaseGroupsName_IsGivenItsId()
    {
        // The missing base group's name is held for it: an event named like it cannot take it first.
        var plans = WithBase("Fair");
        plans.Tenant = plans.Tenant with { GroupNameTemplate = "{name}" };
        var plan = plans.Eligible(1, 10).Plan();
        Assert.That(plan.All<CreateGroupAction>().Select(c => c.Name), Is.EquivalentTo(new[] { "Fair", "Fair [10]" }));
    }
}
