using StaffCloudSync.Sandbox.Scenarios;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The targets of the performance issue, each measured and judged; every suite is deterministic for its seed.</summary>
public static class BenchSuites
{
    public static readonly IReadOnlyList<string> Names = ["planning", "minimal-writes", "bounded-reads", "streaming", "initial-20k", "rate-limit", "latency", "scaling", "continuation", "memory", "notifications", "group-modes", "fleet"];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<List<BenchResult>> RunAsync(IEnumerable<string> suites, ScenarioRunOptions options, IProgress<string>? progress, CancellationToken cancellationToken, FleetOptions? fleet = null)
    {
        var results = new List<BenchResult>();
        foreach (var suite in suites)
        {
            progress?.Report($"bench: {suite}");
            results.AddRange(suite switch
            {
                "planning" => [Planning()],
                "minimal-writes" => [await MinimalWritesAsync(options, cancellationToken)],
                "bounded-reads" => [await BoundedReadsAsync(options, cancellationToken)],
                "streaming" => [await StreamingAsync(cancellationToken)],
                "initial-20k" => [await InitialAsync(options, cancellationToken)],
                "rate-limit" => [await RateLimitAsync(options, cancellationToken)],
                "latency" => [await LatencyAsync(options, cancellationToken)],
                "scaling" => await ScalingAsync(options, progress, cancellationToken),
                "continuation" => [await BenchChainSuites.ContinuationAsync(options, cancellationToken)],
                "memory" => [await BenchChainSuites.MemoryAsync(options, cancellationToken)],
                "notifications" => await NotificationBench.RunAsync(options, cancellationToken),
                "group-modes" => [await GroupModesBench.RunAsync(options, cancellationToken)],
                "fleet" => await FleetBench.RunAsync(fleet ?? new FleetOptions(), options, progress, cancellationToken),
                _ => throw new ArgumentException($"unknown suite '{suite}' (known: {string.Join(", ", Names)})", nameof(suites)),
            });
        }

        return results;
    }

    private static BenchResult Planning()
    {
        var cost = BenchRunner.MeasurePlanning(new BenchProfile { Employees = 100_000, Events = 10_000, AssignmentsPerEmployee = 3, ExistingUserShare = 0.3 });
        return new BenchResult(
            "planning",
            "plan 100,000 employees, 10,000 events, 300,000 assignments: < 1 s and < 300 MB allocated",
            $"{cost.WallMs:0} ms, {cost.AllocatedMb:0} MB allocated ({cost.Assignments:N0} assignments, {cost.Actions:N0} actions)",
            cost.WallMs < 1000 && cost.AllocatedMb < 300,
            Figures(("wallMs", cost.WallMs), ("allocatedMb", cost.AllocatedMb), ("employees", cost.Employees), ("events", cost.Events), ("assignments", cost.Assignments), ("actions", cost.Actions)));
    }

    // An initial sync, a repeat, then 20 people changed (10 renamed users, 5 new addresses, 5 newcomers on a new event).
    private static async Task<BenchResult> MinimalWritesAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var tenant = BenchTenant.Generate(new BenchProfile { Employees = 2_000, Events = 100 });
        var eligible = tenant.EligibleIds().Order().ToList();
        var accepted = eligible.Take(10).ToList();
        var moved = eligible.Skip(10).Take(5).ToList();
        var newcomers = Enumerable.Range(tenant.Employees.Count + 1, 5).Select(i => (long)i).ToList();
        var newEvent = tenant.Events.Count + 1;
        var employees = tenant.Employees.ToDictionary(e => e.Id);

        var steps = new List<ScenarioStep> { new SyncStep(BenchTenant.SyncAt, false, null), new SyncStep(BenchTenant.SyncAt, false, null) };
        steps.AddRange(accepted.Select(id => (ScenarioStep)new MobieTrainChangeStep(id.ToString(Invariant), [])));
        steps.Add(new StaffCloudChangeStep(new StaffCloudRecords(
            [.. accepted.Select(id => Employee(id, "Renamed", employees[id].Email!)),
             .. moved.Select(id => Employee(id, employees[id].LastName!, $"moved{id}@example.com")),
             .. newcomers.Select(id => Employee(id, $"Last{id}", $"employee{id}@example.com"))],
            [new JsonObject { ["id"] = newEvent, ["name"] = "New event", ["start"] = "2026-04-01 08:00:00", ["end"] = "2026-04-01 18:00:00", ["status"] = 2 }],
            [.. newcomers.Select(id => new JsonObject { ["id"] = 9_000_000 + id, ["employee_id"] = id, ["event_id"] = newEvent, ["status"] = 7 })]), [], [], []));
        steps.Add(new SyncStep(BenchTenant.SyncAt, false, null));
        var scenario = tenant.Scenario() with { Steps = steps };

        var cost = await BenchRunner.MeasureSyncAsync(tenant, scenario, options, cancellationToken);
        var (initial, repeat, changed) = (cost.Runs[0], cost.Runs[1], cost.Runs[2]);
        const int expectedChangedWrites = 10 + (5 * 2) + 5 + 1;
        return new BenchResult(
            "minimal-writes",
            "initial: one write per group created and invitation sent; repeat: 0; after 20 changes: 10 updates + 5 replacements × 2 + 5 invitations + 1 group = 26",
            $"initial {initial.MobieTrainWrites} writes for {initial.MinimalWrites} minimal; repeat {repeat.MobieTrainWrites}; after changes {changed.MobieTrainWrites}",
            initial.MobieTrainWrites == initial.MinimalWrites && repeat.MobieTrainWrites == 0 && changed.MobieTrainWrites == expectedChangedWrites
                && changed.MinimalWrites == expectedChangedWrites,
            Figures(("initialWrites", initial.MobieTrainWrites), ("initialMinimal", initial.MinimalWrites), ("invited", initial.Invited),
                ("repeatWrites", repeat.MobieTrainWrites), ("changedWrites", changed.MobieTrainWrites)));
    }

    // 10,000 scheduled employees among 10,000 and 100,000 people, and ten times the events, 95 % past.
    private static async Task<BenchResult> BoundedReadsAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var small = BenchTenant.Generate(new BenchProfile { Employees = 10_000, Events = 1_000 });
        var large = BenchTenant.Generate(new BenchProfile { Employees = 100_000, Events = 1_000, ScheduledEmployees = 10_000 });
        var history = BenchTenant.Generate(new BenchProfile { Employees = 10_000, Events = 10_000, FutureEventShare = 0.05 });
        var a = await BenchRunner.MeasureSyncAsync(small, small.Scenario(), options, cancellationToken);
        var b = await BenchRunner.MeasureSyncAsync(large, large.Scenario(), options, cancellationToken);
        var c = await BenchRunner.MeasureSyncAsync(history, history.Scenario(), options, cancellationToken);
        var (ra, rb, rc) = (a.Runs[0], b.Runs[0], c.Runs[0]);
        return new BenchResult(
            "bounded-reads",
            "StaffCloud requests grow with the current events and the people scheduled (batches of 200), not the database or its history; MobieTrain reads are the pages of the three lists",
            $"StaffCloud {ra.StaffCloudReads} requests for 10k employees, {rb.StaffCloudReads} for 100k with the same 10k scheduled, {rc.StaffCloudReads} for 10k events of which 95 % past; " +
            $"MobieTrain reads {ra.MobieTrainReads} and {rb.MobieTrainReads}; second run {a.Runs[1].StaffCloudReads} + {a.Runs[1].MobieTrainReads}",
            ra.StaffCloudReads == rb.StaffCloudReads && rc.StaffCloudReads <= ra.StaffCloudReads && ra.MobieTrainReads == 3 && rb.MobieTrainReads == 3,
            Figures(("staffCloudSmall", ra.StaffCloudReads), ("staffCloudLarge", rb.StaffCloudReads), ("staffCloudHistory", rc.StaffCloudReads),
                ("mobieTrainReadsSmall", ra.MobieTrainReads), ("secondRunStaffCloud", a.Runs[1].StaffCloudReads), ("secondRunMobieTrainReads", a.Runs[1].MobieTrainReads)));
    }

    private static async Task<BenchResult> StreamingAsync(CancellationToken cancellationToken)
    {
        var compact = await BenchRunner.MeasureStreamingAsync(200_000, 0, cancellationToken);
        var padded = await BenchRunner.MeasureStreamingAsync(200_000, 2048, cancellationToken);
        return new BenchResult(
            "streaming",
            "memory grows with the people in scope, not with the size of StaffCloud's answers",
            $"{compact.Records:N0} records streamed: heap +{compact.PeakHeapGrowthMb:0} MB for a {compact.AnswerMb:0} MB answer, +{padded.PeakHeapGrowthMb:0} MB for a {padded.AnswerMb:0} MB answer",
            padded.PeakHeapGrowthMb < Math.Max(64, padded.AnswerMb / 4),
            Figures(("records", compact.Records), ("compactAnswerMb", compact.AnswerMb), ("compactPeakMb", compact.PeakHeapGrowthMb),
                ("paddedAnswerMb", padded.AnswerMb), ("paddedPeakMb", padded.PeakHeapGrowthMb)));
    }

    private static async Task<BenchResult> InitialAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var tenant = BenchTenant.Generate(AllEligible(20_000, 400));
        var cost = await BenchRunner.MeasureSyncAsync(tenant, tenant.Scenario(1), options, cancellationToken);
        var run = cost.Runs[0];
        return new BenchResult(
            "initial-20k",
            "20,000 eligible employees, empty MobieTrain, no latency: initial sync within 60 s",
            $"{run.WallMs / 1000d:0.0} s for {run.Invited:N0} invitations ({run.MobieTrainWrites:N0} writes), CPU {cost.CpuSeconds:0.0} s, peak working set {cost.PeakWorkingSetMb} MB",
            run.WallMs <= 60_000 && run.Invited == cost.Eligible,
            Figures(("wallMs", run.WallMs), ("invited", run.Invited), ("eligible", cost.Eligible), ("writes", run.MobieTrainWrites), ("cpuSeconds", cost.CpuSeconds),
                ("peakWorkingSetMb", cost.PeakWorkingSetMb)));
    }

    private static async Task<BenchResult> RateLimitAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var tenant = BenchTenant.Generate(AllEligible(700, 40) with { LatencyMs = 20, MobieTrainRateLimitPerSecond = 25 });
        var cost = await BenchRunner.MeasureSyncAsync(tenant, tenant.Scenario(1), options, cancellationToken);
        var run = cost.Runs[0];
        var requests = run.MobieTrainReads + run.MobieTrainWrites;
        var bound = 1.15 * requests / 25d * 1000;
        var share = (double)run.Throttled / (requests + run.StaffCloudReads);
        return new BenchResult(
            "rate-limit",
            "MobieTrain limited to 25 requests/s, 20 ms latency: wall within 1.15 × (requests ÷ 25), under 1 % answered 429",
            $"{run.WallMs / 1000d:0.0} s for {requests} MobieTrain requests (bound {bound / 1000:0.0} s); {run.Throttled} answered 429 ({share:P2})",
            run.WallMs <= bound && share < 0.01,
            Figures(("wallMs", run.WallMs), ("requests", requests), ("boundMs", bound), ("throttled", run.Throttled)));
    }

    private static async Task<BenchResult> LatencyAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var tenant = BenchTenant.Generate(AllEligible(2_000, 50) with { LatencyMs = 50 });
        var cost = await BenchRunner.MeasureSyncAsync(tenant, tenant.Scenario(1), options, cancellationToken);
        var run = cost.Runs[0];
        var bound = 1.3 * run.MobieTrainWrites * 50d / 8;
        return new BenchResult(
            "latency",
            "50 ms latency, no limit: writes in parallel (8 by default), wall within 1.3 × (writes × 50 ms ÷ 8)",
            $"{run.WallMs / 1000d:0.0} s for {run.MobieTrainWrites} writes (bound {bound / 1000:0.0} s)",
            run.WallMs <= bound,
            Figures(("wallMs", run.WallMs), ("writes", run.MobieTrainWrites), ("boundMs", bound)));
    }

    private static async Task<List<BenchResult>> ScalingAsync(ScenarioRunOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var results = new List<BenchResult>();
        foreach (var employees in new[] { 1_000, 10_000, 50_000 })
        {
            progress?.Report($"bench: scaling {employees:N0}");
            var tenant = BenchTenant.Generate(new BenchProfile { Employees = employees, Events = Math.Max(50, employees / 10), ExistingUserShare = 0.5 });
            var cost = await BenchRunner.MeasureSyncAsync(tenant, tenant.Scenario(), options, cancellationToken);
            var (first, second) = (cost.Runs[0], cost.Runs[1]);
            var perObjectMs = (double)first.WallMs / Math.Max(1, cost.Eligible);
            results.Add(new BenchResult(
                $"scaling-{employees / 1000}k",
                "how cost grows with tenant size (no latency, half of the eligible already in MobieTrain)",
                $"{cost.Eligible:N0} eligible: first run {first.WallMs / 1000d:0.0} s ({first.MobieTrainWrites:N0} writes, {first.StaffCloudReads} StaffCloud + {first.MobieTrainReads} MobieTrain reads), " +
                $"second {second.WallMs / 1000d:0.0} s ({second.MobieTrainWrites} writes{(second.MobieTrainWrites > 0 ? ": " + second.Writes : string.Empty)}); {perObjectMs:0.00} ms per eligible employee; CPU {cost.CpuSeconds:0.0} s; heap +{cost.PeakManagedHeapGrowthMb} MB",
                second.MobieTrainWrites == 0,
                Figures(("employees", employees), ("eligible", cost.Eligible), ("firstRunMs", first.WallMs), ("secondRunMs", second.WallMs),
                    ("firstRunWrites", first.MobieTrainWrites), ("staffCloudReads", first.StaffCloudReads), ("mobieTrainReads", first.MobieTrainReads),
                    ("msPerEligible", perObjectMs), ("cpuSeconds", cost.CpuSeconds), ("heapGrowthMb", cost.PeakManagedHeapGrowthMb))));
        }

        return results;
    }

    internal static BenchProfile AllEligible(int employees, int events) => new()
    {
        Employees = employees, Events = events, ActiveShare = 1, ConfirmedShare = 1, FutureEventShare = 1, MinAssignmentsPerEmployee = 1, AssignmentsPerEmployee = 1,
    };

    internal static JsonObject Employee(long id, string lastName, string email) => new()
    {
        ["id"] = id, ["firstname"] = $"First{id}", ["lastname"] = lastName, ["email"] = email, ["status"] = 4, ["communication_language"] = "de",
    };

    internal static Dictionary<string, object> Figures(params (string Name, object Value)[] figures) => figures.ToDictionary(f => f.Name, f => f.Value);
}

/// <summary>The <c>group-modes</c> suite (issue 21): grouping by project costs StaffCloud no request more than by event.</summary>
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
