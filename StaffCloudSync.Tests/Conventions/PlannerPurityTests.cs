using System.Text.RegularExpressions;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Conventions;

/// <summary>The planner is a pure function: no clock, no I/O, same input → same plan.</summary>
public partial class PlannerPurityTests
{
    [Test]
    public void Planner_SourceHasNoClockNoIoNoAsync()
    {
        var core = Path.Combine(RepositoryPaths.Root, "StaffCloudSync.Core");
        var files = Directory.GetFiles(Path.Combine(core, "Engine", "Planning"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(core, "Engine", "Rules"), "*.cs"))
            .ToList();
        Assert.That(files, Has.Count.GreaterThan(10));
        var offences = files.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => Forbidden().IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.That(offences, Is.Empty);
    }

    [Test]
    public void Planner_TheOrderRecordsArriveInDoesNotChangeThePlan()
    {
        // StaffCloud's order is not reliable (staffcloud-api.md): a plan that followed it would differ between runs.
        var plans = new Plans().Eligible(3).Eligible(1).Event(11, "Gala").Assignment(1, 11).Employee(5, status: 5).User("5")
            .Employee(2, last: "New").User("2", last: "Old", groups: "g-x").Employee(4, email: null).Assignment(4, 10)
            .Eligible(7, email: "same@example.com").Eligible(8, email: "same@example.com").Invitation("9", email: "other@example.com");
        var snapshot = plans.Snapshot();
        var reversed = new Core.Engine.Planning.TenantSnapshot(
            new Core.Engine.Planning.StaffCloudSnapshot([.. snapshot.StaffCloud.Employees.Reverse()], [.. snapshot.StaffCloud.Events.Reverse()], [.. snapshot.StaffCloud.Assignments.Reverse()]),
            new Core.Engine.Planning.MobieTrainSnapshot([.. snapshot.MobieTrain.UserGroups.Reverse()], [.. snapshot.MobieTrain.Users.Reverse()], [.. snapshot.MobieTrain.Invitations.Reverse()]));
        var settings = TenantPlanSettings.From(plans.Tenant, null);

        var first = PlanAssertions.Describe(SyncPlanner.Plan(snapshot, settings, Plans.Now));
        var second = PlanAssertions.Describe(SyncPlanner.Plan(reversed, settings, Plans.Now));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.StartWith("createGroup"));
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|TimeProvider|HttpClient|\bFile\.|\bDirectory\.|Environment\.|\basync\b|\bawait\b|Thread\.Sleep")]
    private static partial Regex Forbidden();
}
