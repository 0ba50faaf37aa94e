using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// sync-rules.md, "event group" with <c>GroupBy</c> = project: one group per project of a person's current confirmed
/// events, named from the assignments' joined project name, collision-free by ascending project id; and <c>{project}</c>
/// in event mode.
/// </summary>
public class ProjectGroupRuleTests
{
    internal static Plans ByProject(string? template = null) =>
        new() { Tenant = Plans.DefaultTenant() with { GroupBy = GroupMode.Project, GroupNameTemplate = template } };

    [Test]
    public void ProjectMode_EventsOfOneProject_ShareOneGroupNamedAfterTheProject()
    {
        var plan = ByProject().Event(10, project: 7).Event(11, "Other day", project: 7).Employee(1)
            .Assignment(1, 10, projectName: "Store Zurich").Assignment(1, 11, projectName: "Store Zurich").Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<CreateGroupAction>(), Is.EqualTo(new CreateGroupAction(GroupSource.Project(7), "Store Zurich")));
            Assert.That(plan.Single<CreateGroupAction>().ExternalId, Is.EqualTo("staffcloud-project-7"));
            Assert.That(plan.Single<InviteAction>().Invitation.Groups, Is.EqualTo(new[] { GroupRef.Pending(GroupSource.Project(7)) }));
        }
    }

    [Test]
    public void ProjectMode_NoProjectNameFromStaffCloud_FallsBackToProjectAndItsId()
    {
        var plan = ByProject().Event(10, project: 7).Employee(1).Assignment(1, 10, projectName: null).Plan();
        Assert.That(plan.Single<CreateGroupAction>().Name, Is.EqualTo("Project 7"));
    }

    [Test]
    public void ProjectMode_EventWithoutProject_GivesNoGroupButItsPeopleAreEligible()
    {
        var plan = ByProject().Event(10).Employee(1).Assignment(1, 10).Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<InviteAction>().Invitation.Groups, Is.Empty);
            Assert.That(plan.All<CreateGroupAction>(), Is.Empty);
        }
    }

    [Test]
    public void ProjectMode_TemplateWithTheProjectId()
    {
        var plan = ByProject("{project} #{id}").Event(10, project: 7).Employee(1).Assignment(1, 10, projectName: "Store").Plan();
        Assert.That(plan.Single<CreateGroupAction>().Name, Is.EqualTo("Store #7"));
    }

    [Test]
    public void ProjectMode_TwoProjectsWithOneName_TheHigherIdGetsItsId()
    {
        var plan = ByProject().Event(10, project: 8).Event(11, project: 7).Employee(1)
            .Assignment(1, 10, projectName: "Store").Assignment(1, 11, projectName: "store").Plan();
        Assert.That(plan.All<CreateGroupAction>().Select(c => (c.Source.Id, c.Name)), Is.EqualTo(new[] { (7L, "store"), (8L, "Store [8]") }));
    }

    [Test]
    public void ProjectMode_NameHeldByAnotherGroup_IsGivenTheId_AndTheHolderKeepsIt()
    {
        // Project 8's group holds "Store"; project 7 comes first by id, but the name is taken, so it gets " [7]".
        var plan = ByProject().Event(10, project: 8).Event(11, project: 7).Group("gp8", "Store", "staffcloud-project-8").Employee(1)
            .Assignment(1, 10, projectName: "Store").Assignment(1, 11, projectName: "Store").User("1", groups: "gp8").Plan();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Single<CreateGroupAction>().Name, Is.EqualTo("Store [7]"));
            Assert.That(plan.All<RenameGroupAction>(), Is.Empty);
        }
    }

    [Test]
    public void ProjectMode_NamesAreStableAcrossRuns()
    {
        // The state after the run above: both groups exist with the names that run gave them. Nothing changes.
        var plan = ByProject().Event(10, project: 8).Event(11, project: 7).Group("gp8", "Store", "staffcloud-project-8")
            .Group("gp7", "Store [7]", "staffcloud-project-7").Employee(1)
            .Assignment(1, 10, projectName: "Store").Assignment(1, 11, projectName: "Store").User("1", groups: ["gp7", "gp8"]).Plan();
        Assert.That(plan.Actions, Is.Empty);
    }

    [Test]
    public void ProjectMode_RenamedProject_ItsCurrentGroupIsRenamed_ANonCurrentOneIsNot()
    {
        var plan = ByProject().Event(10, project: 7).Group("gp7", "Old name", "staffcloud-project-7")
            .Group("gp9", "Project long over", "staffcloud-project-9").Employee(1).Assignment(1, 10, projectName: "New name")
            .User("1", groups: "gp7").Plan();
        Assert.That(plan.Single<RenameGroupAction>(), Is.EqualTo(new RenameGroupAction(GroupSource.Project(7), "gp7", "New name")));
    }

    [Test]
    public void EventMode_ProjectPlaceholder_IsTheEventsProjectName_OrNothing()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { GroupNameTemplate = "{name} {project}" } };
        var plan = plans.Event(10, project: 7).Event(11).Employee(1).Assignment(1, 10, projectName: "Store Zurich").Assignment(1, 11).Plan();
        Assert.That(plan.All<CreateGroupAction>().Select(c => (c.ExternalId, c.Name)),
            Is.EqualTo(new[] { ("staffcloud-event-10", "Fair Store Zurich"), ("staffcloud-event-11", "Fair") }));
    }

    [Test]
    public void EventMode_ProjectNameNotKnownThisRun_LeavesTheGroupsNameAsItIs()
    {
        // Nobody is confirmed on event 10, so the read carried no name for project 7: no guessed rename.
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { GroupNameTemplate = "{project}: {name}" } };
        var plan = plans.Event(10, project: 7).Group("g10", "Store: Fair", "staffcloud-event-10").Plan();
        Assert.That(plan.Actions, Is.Empty);
    }
}
