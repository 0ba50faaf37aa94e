using StaffCloudSync.Core.Engine.Explain;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Explain;

/// <summary>"Why was this person (not) invited?": the explanation follows the planner's decisions.</summary>
public class EmployeeExplainerTests
{
    private static EmployeeExplanation Explain(Plans plans, long employeeId, StaffCloudEmployee? fetched = null)
    {
        var settings = TenantPlanSettings.From(plans.Tenant, plans.ApprovedDeletions);
        var snapshot = plans.Snapshot();
        var preview = new TenantPreview(TenantTargets.StaffCloud(plans.Tenant), TenantTargets.MobieTrain(plans.Tenant), settings, snapshot, SyncPlanner.Plan(snapshot, settings, Plans.Now), Plans.Now);
        return EmployeeExplainer.Explain(preview, employeeId, fetched);
    }

    private static string Decision(EmployeeExplanation explanation, string rule) =>
        explanation.Decisions.Single(d => d.Rule == rule).Decision;

    [Test]
    public void Eligible_NewEmployee_WillBeInvited_WithTheGroupsNamed()
    {
        var explanation = Explain(new Plans().Eligible(1, 10), 1);

        Assert.That(explanation.Summary, Is.EqualTo("Will invite."));
        Assert.That(Decision(explanation, "eligible"), Does.StartWith("yes"));
        Assert.That(explanation.StaffCloud!.ConfirmedEvents.Single(), Is.EqualTo(new EventFacts(10, "Fair", 2,
            new DateTime(2026, 3, 5, 8, 0, 0), new DateTime(2026, 3, 5, 18, 0, 0), true, "Fair (2026-03-05)", null)));
        Assert.That(explanation.Actions.Select(a => a.Kind), Is.EqualTo(new[] { "invite" }));
    }

    [Test]
    public void NoContact_SaysWhy_WithoutShowingTheValues()
    {
        var explanation = Explain(new Plans().Event(10).Employee(7, email: "not-an-address", mobile: "079 123").Assignment(7, 10), 7);

        Assert.That(explanation.Summary, Does.Contain("NoContact"));
        Assert.That(Decision(explanation, "contact"), Is.EqualTo("email invalid, phone invalid → NoContact"));
        Assert.That(string.Join(" ", explanation.Decisions.Select(d => d.Decision)), Does.Not.Contain("not-an-address"));
    }

    [Test]
    public void NotConfirmed_OnACurrentEvent_IsNotInvited()
    {
        var explanation = Explain(new Plans().Event(10).Employee(3).Assignment(3, 10, status: 6), 3, new StaffCloudEmployee(3, 4, "A", "B", "a@example.com", null, null, "en"));

        Assert.That(explanation.Summary, Is.EqualTo("Not invited: not confirmed (status 7) on any current or future event."));
        Assert.That(Decision(explanation, "eligible"), Is.EqualTo("no: no confirmed current or future event"));
    }

    [Test]
    public void NotActive_SaysTheStatus()
    {
        var explanation = Explain(new Plans().Event(10).Employee(4, status: 2).Assignment(4, 10), 4);

        Assert.That(explanation.Summary, Does.StartWith("Not invited: status 2 (provisional"));
    }

    [Test]
    public void HardDeleted_InMobieTrain_IsRemoved()
    {
        var explanation = Explain(new Plans().User("8").HardDeleted(8), 8);

        Assert.That(explanation.StaffCloud, Is.Null);
        Assert.That(explanation.Summary, Is.EqualTo("Will removeUser."));
        Assert.That(Decision(explanation, "proof"), Does.Contain("GET /employees/{id} answered 404"));
        Assert.That(explanation.MobieTrain.Single().Kind, Is.EqualTo("user"));
    }

    [Test]
    public void HardDeleted_NamesWhatProvedThe404()
    {
        var snapshot = new StaffCloudSync.Core.Engine.Planning.StaffCloudSnapshot([], [], [])
        {
            ProvenDeleted = new HashSet<long> { 8 },
            ReadPathProof = "a control read of listed employee 2",
        };

        Assert.That(StaffCloudSync.Core.Engine.Explain.EmployeeExplainer.DeletionProof(snapshot, 8, null, inMobieTrain: true),
            Does.Contain("answered 404 (StaffCloud's JSON error answer; a control read of listed employee 2 showed that the single read works)"));
    }

    [Test]
    public void HeldDeletion_NamesTheGuard()
    {
        var plans = new Plans();
        for (var id = 1; id <= 11; id++)
        {
            plans.Employee(id, status: 5).User($"{id}");
        }

        var explanation = Explain(plans, 3);

        Assert.That(Decision(explanation, "deletion guard"), Does.StartWith("held: 11 deletions > threshold 10"));
    }

    [Test]
    public void UpToDateUser_NothingToDo()
    {
        var explanation = Explain(new Plans().Eligible(2, 10).EventGroup(10).User("2", groups: "g10"), 2);

        Assert.That(explanation.Summary, Is.EqualTo("Already in MobieTrain and up to date: nothing to do."));
        Assert.That(Decision(explanation, "the sync will"), Is.EqualTo("do nothing for this person"));
    }

    [Test]
    public void GroupNames_AreTheOnesThePlanCreates_EvenWhenTwoEventsShareAName()
    {
        var explanation = Explain(new Plans().Event(10, "Fair").Event(11, "Fair").Employee(1).Assignment(1, 10).Assignment(1, 11), 1);

        Assert.That(explanation.StaffCloud!.ConfirmedEvents.Select(e => e.GroupName), Is.EqualTo(new[] { "Fair (2026-03-05)", "Fair (2026-03-05) [11]" }));
    }

    [Test]
    public void NationalNumber_WithTheTenantsCallingCode_IsAValidPhone()
    {
        var plans = new Plans { Tenant = Plans.DefaultTenant() with { DefaultCallingCode = "+41" } };
        var explanation = Explain(plans.Event(10).Employee(7, email: null, mobile: "079 123 45 67").Assignment(7, 10), 7);

        Assert.That(Decision(explanation, "contact"), Is.EqualTo("email absent, phone valid"));
        Assert.That(explanation.Summary, Is.EqualTo("Will invite."));
    }

    [Test]
    public void LookAlikeExternalIds_AreNamedProtected_NotThisEmployees()
    {
        var explanation = Explain(new Plans().Employee(12, status: 5).User("0012", email: "x@example.com", id: "u-a")
            .Invitation("+12", email: "y@example.com", id: "i-b").User("13", id: "u-13"), 12);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Decision(explanation, "protected"), Does.StartWith("user u-a with externalId '0012'; invitation i-b with externalId '+12'"));
            Assert.That(Decision(explanation, "protected"), Does.Contain("another integration's personnel number"));
            Assert.That(Decision(explanation, "MobieTrain"), Is.EqualTo("no user or invitation with this employee id"));
            Assert.That(explanation.Actions, Is.Empty);
        }
    }
}
