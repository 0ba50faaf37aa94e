using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The <c>group-modes</c> suite (issue 21): a project's name comes from the assignments read's joined field, so grouping
/// by project must cost StaffCloud no request more than grouping by event (counted by the simulator, retries included).</summary>
public static class GroupModesBench
{
    private static readonly BenchProfile Profile = new() { Employees = 3_000, Events = 300, Projects = 50, Seed = 21 };

    public static async Task<BenchResult> RunAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var tenant = BenchTenant.Generate(Profile);
        var byEvent = await FirstRunAsync(tenant, GroupMode.Event, options, cancellationToken);
        var byProject = await FirstRunAsync(tenant, GroupMode.Project, options, cancellationToken);
        return new BenchResult(
            "group-modes",
            $"{Profile.Employees:N0} employees, {Profile.Events} events in {Profile.Projects} projects: a first run grouped by project makes no more StaffCloud requests than one grouped by event",
            $"StaffCloud requests: by event {byEvent.Run.Requests.StaffCloud}, by project {byProject.Run.Requests.StaffCloud}; " +
            $"groups created: by event {byEvent.Run.Record.Counts.GroupsCreated}, by project {byProject.Run.Record.Counts.GroupsCreated}; " +
            $"the run after each wrote {byEvent.Repeat} and {byProject.Repeat}",
            byProject.Run.Requests.StaffCloud <= byEvent.Run.Requests.StaffCloud && byEvent.Repeat == 0 && byProject.Repeat == 0,
            BenchSuites.Figures(("staffCloudByEvent", byEvent.Run.Requests.StaffCloud), ("staffCloudByProject", byProject.Run.Requests.StaffCloud),
                ("groupsByEvent", byEvent.Run.Record.Counts.GroupsCreated), ("groupsByProject", byProject.Run.Record.Counts.GroupsCreated)));
    }

    private static async Task<(ScenarioRun Run, long Repeat)> FirstRunAsync(BenchTenant tenant, GroupMode mode, ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var scenario = tenant.Scenario();
        var result = await ScenarioRunner.RunAsync(scenario with { Tenant = scenario.Tenant with { GroupBy = mode } }, options, cancellationToken);
        return (result.Runs[0], result.Runs[1].Requests.MobieTrainWrites);
    }
}
