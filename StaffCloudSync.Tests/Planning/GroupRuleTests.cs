using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "One tenant's run, in order": rules 4 and 6, event groups created and renamed, and users' groups following their events.</summary>
public class GroupRuleTests
{
    [Test]
    public void Rule4_MissingEventGroup_IsCreatedOnceBeforeAnyWriteThatNeedsIt()
    {
        var plan = new Plans().Eligible(1, 10).Eligible(2, 10).Plan();
        var create = plan.Single<CreateGroupAction>();
        Assert.That(create, Is.EqualTo(new CreateGroupAction(GroupSource.Event(10), "Fair (2026-03-05)")));
        Assert.That(create.ExternalId, Is.EqualTo("staffcloud-event-10"));
        Assert.That(plan.Actions[0], Is.SameAs(create));
        Assert.That(plan.All<InviteAction>().Select(i => i.Invitation.Groups.Single()), Is.All.EqualTo(GroupRef.Pending(GroupSource.Event(10))));
    }

    [Test]
    public void Rule4_GroupsNobodyNeeds_AreNotCreated()
    {
        // Employee 1 is confirmed but skipped (no contact): the group would serve nobody.
        var plan = new Plans().Event(10).Employee(1, email: null).Assignment(1, 10).Plan();
        Assert.That(plan.All<CreateGroupAction>(), Is.Empty);
    }

    [Test]
    public void Rule4_CurrentEventRenamedOrMoved_ItsGroupIsRenamed()
    {
        var plan = new Plans().Event(10, "Spring Fair", "2026-03-06 08:00:00", "2026-03-06 18:00:00")
            .Group("g10", "Fair (2026-03-05)", "staffcloud-event-10").Employee(1).Assignment(1, 10).User("1", groups: "g10").Plan();
        Assert.That(plan.Single<RenameGroupAction>(), Is.EqualTo(new RenameGroupAction(GroupSource.Event(10), "g10", "Spring Fair (2026-03-06)")));
    }

    [Test]
    public void Rule4_FinishedEventsGroup_IsLeftAsItIs()
    {
        var plan = new Plans().Event(10, "Renamed", "2026-02-01 08:00:00", "2026-02-01 18:00:00")
            .Group("g10", "Old name", "staffcloud-event-10").Employee(1).Assignment(1, 10).User("1").Plan();
        Assert.That(plan.All<RenameGroupAction>(), Is.Empty);
    }

    [Test]
    public void Rule4_TemplateIsTheTenantSetting()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { GroupNameTemplate = "#{id} {name} {start:dd.MM.}" } };
        var plan = plans.Eligible(1, 10).Plan();
        Assert.That(plan.Single<CreateGroupAction>().Name, Is.EqualTo("#10 Fair 05.03."));
    }

    [Test]
    public void Rule4_TwoEventsWithOneName_GetDistinctGroupNames()
    {
        var plan = new Plans().Event(10, "Fair").Event(11, "Fair").Employee(1).Assignment(1, 10).Assignment(1, 11).Plan();
        Assert.That(plan.All<CreateGroupAction>().Select(c => c.Name), Is.EqualTo(new[] { "Fair (2026-03-05)", "Fair (2026-03-05) [11]" }));
    }

    [Test]
    public void Rule4_AFinishedEventsGroupIsLeftAsItIs_ACurrentOnesIsRenamedInPlace()
    {
        // Event 9 is over and its group carries a name the template would no longer give it; event 10 was renamed.
        var plan = new Plans().Event(9, "Past", start: "2026-02-01 08:00:00", end: "2026-02-01 18:00:00").Group("g9", "Old name", "staffcloud-event-9")
            .Event(10, "New name").Group("g10", "Fair (2026-03-05)", "staffcloud-event-10")
            .Employee(1).Assignment(1, 9).Assignment(1, 10).User("1", groups: ["g9", "g10"]).Plan();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.All<RenameGroupAction>().Select(r => (r.GroupId, r.NewName)), Is.EqualTo(new[] { ("g10", "New name (2026-03-05)") }));
            Assert.That(plan.All<CreateGroupAction>(), Is.Empty, "a renamed event keeps its group");
            Assert.That(plan.Single<UpdateUserAction>().Patch.Groups!.Select(g => g.GroupId), Is.EqualTo(new[] { "g10" }), "the user leaves the finished event's group; the group stays");
        }
    }

    [Test]
    public void Rule6_FinishedEventsGroupRemoved_NewEventsGroupAdded()
    {
        var plan = new Plans().Event(20, "Old Expo", "2026-02-01 09:00:00", "2026-02-01 17:00:00").Event(21, "New Expo", "2026-03-20 09:00:00", "2026-03-20 17:00:00")
            .EventGroup(20).EventGroup(21).Employee(8).Assignment(8, 20).Assignment(8, 21).User("8", groups: "g20").Plan();
        var update = plan.Single<UpdateUserAction>();
        Assert.That(update.Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g21") }));
        Assert.That(update.Patch.ChangedFields, Is.EqualTo(new[] { "groups" }));
        Assert.That(update.Rule, Is.EqualTo(SyncRule.GroupsFollowEvents));
    }

    [Test]
    public void Rule6_ByDefault_NonEventGroupsAreRemovedToo()
    {
        var plan = new Plans().Eligible(8, 21).EventGroup(21).Group("g-man", "Managers").User("8", groups: ["g21", "g-man"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g21") }));
    }

    [Test]
    public void Rule6_PreserveManualGroups_OnlyEventGroupsAreAddedOrRemoved()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = true } };
        var plan = plans.Event(20, "Old", "2026-02-01 09:00:00", "2026-02-01 17:00:00").Eligible(8, 21).EventGroup(20).EventGroup(21)
            .Group("g-man", "Managers").User("8", groups: ["g20", "g-man"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EquivalentTo(new[] { GroupRef.Existing("g21"), GroupRef.Existing("g-man") }));
    }

    [Test]
    public void Rule6_PreserveManualGroups_NothingToChange_NoWrite()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = true } };
        var plan = plans.Eligible(8, 21).EventGroup(21).Group("g-man", "Managers").User("8", groups: ["g-man", "g21"]).Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Rule6_UnknownGroupIds_AreDropped(bool preserve)
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = preserve } };
        var plan = plans.Eligible(8, 21).EventGroup(21).User("8", groups: ["g21", "g-gone"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g21") }));
    }

    [Test]
    public void Rule6_UserWithNoCurrentEvent_EndsWithNoGroups()
    {
        var plan = new Plans().Event(20, "Old", "2026-02-01 09:00:00", "2026-02-01 17:00:00").EventGroup(20)
            .Employee(9).Assignment(9, 20).User("9", groups: "g20").Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.Empty);
    }

    [Test]
    public void Rule6_GroupOrderAndDuplicatesDoNotCount()
    {
        var plan = new Plans().Event(10).Event(11).EventGroup(10).EventGroup(11, name: "Fair (2026-03-05) [11]").Employee(1)
            .Assignment(1, 10).Assignment(1, 11).Assignment(1, 11).User("1", groups: ["g11", "g10", "g10"]).Plan();
        Assert.That(plan.Actions, Is.Empty, PlanAssertions.Describe(plan));
    }
}
