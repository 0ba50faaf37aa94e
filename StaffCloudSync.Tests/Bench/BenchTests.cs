using StaffCloudSync.Sandbox.Bench;

namespace StaffCloudSync.Tests.Bench;

/// <summary>
/// The benchmark's own parts work and are deterministic; the timings themselves are measured by
/// <c>staffcloud-sync sandbox bench</c> (docs/performance.md), never asserted in a test.
/// </summary>
public class BenchTests
{
    [Test]
    public void GeneratedTenants_AreTheSameForTheSameSeed_AndFollowTheProfile()
    {
        var profile = new BenchProfile { Employees = 500, Events = 40, ExistingUserShare = 0.5 };

        var first = BenchTenant.Generate(profile);
        var second = BenchTenant.Generate(profile);

        Assert.That(second.Employees, Is.EqualTo(first.Employees));
        Assert.That(second.Assignments, Is.EqualTo(first.Assignments));
        Assert.That(first.Employees, Has.Count.EqualTo(500));
        Assert.That(first.Events, Has.Count.EqualTo(40));
        Assert.That(first.Users.Count, Is.InRange(first.EligibleIds().Count / 4, first.EligibleIds().Count * 3 / 4));
    }

    [Test]
    public void ScheduledEmployees_LeavesTheRestOfTheDatabaseUnscheduled()
    {
        var tenant = BenchTenant.Generate(new BenchProfile { Employees = 1_000, ScheduledEmployees = 100 });
        Assert.That(tenant.Assignments.Max(a => a.EmployeeId), Is.LessThanOrEqualTo(100));
    }

    [Test]
    public void PlanningMeasurement_PlansTheWholeTenant()
    {
        var cost = BenchRunner.MeasurePlanning(new BenchProfile { Employees = 2_000, Events = 200 }, repetitions: 1);
        Assert.That(cost.Employees, Is.EqualTo(2_000));
        Assert.That(cost.Actions, Is.GreaterThan(100));
        Assert.That(cost.AllocatedMb, Is.GreaterThan(0));
    }

    [Test]
    public async Task MinimalWrites_MeetsItsTarget_ThroughTheSandbox()
    {
        var results = await BenchSuites.RunAsync(["minimal-writes"], SandboxRuns.SandboxScenarioTests.TestOptions(), null, CancellationToken.None);
        Assert.That(results.Single().Met, Is.True, results.Single().Measured);
    }

    [Test]
    public async Task GroupModes_ByProject_MakesNoMoreStaffCloudRequestsThanByEvent()
    {
        var result = (await BenchSuites.RunAsync(["group-modes"], SandboxRuns.SandboxScenarioTests.TestOptions(), null, CancellationToken.None)).Single();

        // 300 events in 50 projects: one group per project can never outnumber the projects, and is far fewer than per event.
        Assert.Multiple(() =>
        {
            Assert.That(result.Met, Is.True, result.Measured);
            Assert.That((int)result.Figures["groupsByProject"], Is.InRange(1, 50));
            Assert.That((int)result.Figures["groupsByEvent"], Is.GreaterThan(50));
        });
    }

    [Test]
    public async Task Notifications_MeetTheirTargets_OnTheScenarioClock()
    {
        var results = await BenchSuites.RunAsync(["notifications"], SandboxRuns.SandboxScenarioTests.TestOptions(), null, CancellationToken.None);

        Assert.That(results.Select(r => r.Name), Is.EqualTo(new[] { "notification-latency", "notification-burst" }));
        Assert.That(results, Has.All.Matches<BenchResult>(r => r.Met), string.Join("\n", results.Select(r => r.Measured)));
        Assert.That(results[0].Figures["invited"], Is.EqualTo(40));
        Assert.That((int)results[1].Figures["busiestHourRuns"], Is.InRange(1, 5));
    }

    [Test]
    public async Task Streaming_ReadsAnswerLargerThanWhatItKeeps()
    {
        var cost = await BenchRunner.MeasureStreamingAsync(5_000, 1024, CancellationToken.None);
        Assert.That(cost.Records, Is.EqualTo(5_000));
        Assert.That(cost.AnswerMb, Is.GreaterThan(5));
    }
}
