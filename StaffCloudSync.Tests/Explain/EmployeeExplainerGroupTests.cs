using StaffCloudSync.Core.Engine.Explain;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Explain;

/// <summary>The explanation names the groups as the planner makes them: the project's group by project, and the base groups.</summary>
public class EmployeeExplainerGroupTests
{
    private static EmployeeExplanation Explain(Plans plans, long employeeId)
    {
        var settings = TenantPlanSettings.From(plans.Tenant, plans.ApprovedDeletions);
        var snapshot = plans.Snapshot();
        var preview = new TenantPreview(TenantTargets.StaffCloud(plans.Tenant), TenantTargets.MobieTrain(plans.Tenant), settings, snapshot, SyncPlanner.Plan(snapshot, settings, Plans.Now), Plans.Now);
        return EmployeeExplainer.Explain(preview, employeeId, null);
    }

    [Test]
    public void ProjectMode_EachEventShowsItsProjectsGroup_AndTheGroupsRuleNamesTheBaseGroups()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { GroupBy = GroupMode.Project, BaseGroups = "Default Group" } };
        var explanation = Explain(plans.Event(10, project: 7).Event(11, "Other", project: 7).Employee(1)
            .Assignment(1, 10, projectName: "Store Zurich").Assignment(1, 11, projectName: "Store Zurich"), 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(explanation.StaffCloud!.ConfirmedEvents.Select(e => (e.EventId, e.ProjectId, e.GroupName)),
                Is.EqualTo(new[] { (10L, (long?)7, "Store Zurich"), (11L, (long?)7, "Store Zurich") }));
            Assert.That(explanation.Decisions.Single(d => d.Rule == "groups").Decision,
                Does.Contain("project group").And.Contain("'Default Group'"));
        }
    }
}
