using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Sandbox.Demo;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Tests.SandboxRuns;

/// <summary>The built-in demo tenant tells its story through the real path, and ends with "nothing to do".</summary>
public class DemoScenarioTests
{
    [Test]
    public async Task Demo_RunsToTheEnd_FirstRunDoesTheWork_SecondHasNothingToDo()
    {
        var scenario = DemoScenario.Build();

        var result = await ScenarioRunner.RunAsync(scenario, SandboxScenarioTests.TestOptions(), CancellationToken.None);

        Assert.That(scenario.StaffCloud.Employees, Has.Count.GreaterThan(300));
        Assert.That(scenario.StaffCloud.Events, Has.Count.EqualTo(40));
        Assert.That(result.Runs, Has.Count.EqualTo(2));
        var (first, second) = (result.Runs[0], result.Runs[1]);
        Assert.That(first.Record.Status, Is.EqualTo(RunStatus.Succeeded), first.Record.Reason);
        Assert.Multiple(() =>
        {
            Assert.That(first.Record.Counts.Invited, Is.GreaterThan(50));
            Assert.That(first.Record.Counts.UsersUpdated, Is.GreaterThan(10));
            Assert.That(first.Record.Counts.UsersRemoved, Is.EqualTo(3), "deactivated 7, deleted 11, hard-deleted 999");
            Assert.That(first.Record.Counts.InvitationsExpired, Is.EqualTo(1), "Otto's old invitation");
            Assert.That(first.Record.Counts.InvitationsReplaced, Is.EqualTo(1), "Rita's new address");
            Assert.That(first.Record.Counts.GroupsCreated, Is.GreaterThan(0));
            Assert.That(first.Record.Skipped.Select(s => (s.EmployeeId, s.Reason)), Is.SupersetOf(new[]
            {
                (901L, SkipReason.NoContact), (902L, SkipReason.InvalidProfile), (904L, SkipReason.DuplicateEmail),
            }));
        });
        Assert.That(second.Record.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(second.Requests.MobieTrainWrites, Is.Zero, "the second run has nothing to do");
        Assert.That(result.MobieTrain.Users.Single(u => u.Id == "u-admin").UserGroupIds, Is.EqualTo(new[] { "g-handbook" }), "the admin account is protected");
        Assert.That(result.MobieTrain.Invitations.Single(i => i.ExternalId == "907").Id, Is.EqualTo("i-907"), "an up-to-date invitation is not replaced");
        Assert.That(result.MobieTrain.Invitations.Single(i => i.ExternalId == "907").UserGroupIds, Does.Contain("g-default"), "the base group is added to it");
        Assert.That(result.MobieTrain.Users.Where(u => u.ExternalId is not null).Select(u => u.UserGroupIds), Has.All.Contains("g-default"),
            "every synced user left is an active employee's, and has the base group");
    }
}
