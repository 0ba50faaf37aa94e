using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "sync-owned group": a tenant that switches <c>GroupBy</c> keeps its old groups (never deleted, never
/// renamed, since they are not current) and its people leave them by rule 6, even with PreserveManualGroups.
/// </summary>
public class GroupModeSwitchTests
{
    [Test]
    public void ModeSwitch_EventToProject_PeopleMoveToProjectGroups_EventGroupsStayUntouched()
    {
        var plans = ProjectGroupRuleTests.ByProject();
        plans.Tenant = plans.Tenant with { PreserveManualGroups = true };
        var plan = plans.Event(10, "Renamed", project: 7).Group("g10", "Fair (2026-03-05)", "staffcloud-event-10").Group("gm", "Managers")
            .Employee(1).Assignment(1, 10, projectName: "Store").User("1", groups: ["g10", "gm"]).Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<UpdateUserAction>().Patch.Groups,
                Is.EquivalentTo(new[] { GroupRef.Pending(GroupSource.Project(7)), GroupRef.Existing("gm") }), "sync-owned: left even with PreserveManualGroups");
            Assert.That(plan.Single<CreateGroupAction>().ExternalId, Is.EqualTo("staffcloud-project-7"));
            Assert.That(plan.All<RenameGroupAction>(), Is.Empty, "the event group is not current in project mode");
        }
    }

    [Test]
    public void ModeSwitch_ProjectBackToEvent_PeopleMoveToEventGroups_ProjectGroupsStayUntouched()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { GroupBy = GroupMode.Event } };
        var plan = plans.Event(10, project: 7).EventGroup(10).Group("gp7", "Old store name", "staffcloud-project-7")
            .Employee(1).Assignment(1, 10, projectName: "Store").User("1", groups: ["gp7"]).Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EqualTo(new[] { GroupRef.Existing("g10") }));
            Assert.That(plan.All<RenameGroupAction>(), Is.Empty, "the project group is not current in event mode");
            Assert.That(plan.All<CreateGroupAction>(), Is.Empty);
        }
    }

    [Test]
    public void SyncOwnedGroups_AreOnlyPrefixAndDigits()
    {
        // "staffcloud-event-x" is nobody's event group: a manual group, kept with PreserveManualGroups.
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { PreserveManualGroups = true } };
        var plan = plans.Eligible(1, 10).EventGroup(10).Group("gx", "Look-alike", "staffcloud-event-x").Group("gp", "Old", "staffcloud-project-3")
            .User("1", groups: ["g10", "gx", "gp"]).Plan();
        Assert.That(plan.Single<UpdateUserAction>().Patch.Groups, Is.EquivalentTo(new[] { GroupRef.Existing("g10"), GroupRef.Existing("gx") }));
    }
}
