using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The <c>notifications</c> suite (issue 16): how soon a notified confirmation is invited, how few runs a flood makes.</summary>
public static class NotificationBench
{
    private const int Seed = 16;
    private const int Confirmations = 40;
    private const int Burst = 1_000;
    private const string Confirmed = "assignment.status_changed";
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    // Registered (Notifications = true), as an operator would have done for a tenant whose notifications are benched.
    private static readonly TenantSettings Tenant = new() { TenantId = "bench", StaffCloudApiTenant = "bench", MobieTrainAccountId = "bench", Notifications = true };

    public static async Task<List<BenchResult>> RunAsync(ScenarioRunOptions options, CancellationToken cancellationToken) =>
        [await LatencyAsync(options, cancellationToken), await BurstAsync(options, cancellationToken)];

    // Confirmation to invitation on the scenario clock, plus the wall time of the run that sent it.
    private static async Task<BenchResult> LatencyAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(Seed);
        var confirmedAt = Enumerable.Range(1, Confirmations)
            .ToDictionary(id => (long)id, _ => Day.AddHours(7).AddSeconds(random.Next(12 * 3600)));
        var steps = confirmedAt.OrderBy(c => c.Value).Select(c => (ScenarioStep)new NotifyStep(
            new StaffCloudChangeStep(new StaffCloudRecords([], [], [Assignment(c.Key, status: 7)]), [], [], []), Confirmed, c.Value)).ToList();
        steps.Add(new AdvanceStep(Day.AddHours(20)));

        var result = await ScenarioRunner.RunAsync(Scenario(steps), options, cancellationToken);
        var runsAt = result.Runs.GroupBy(r => r.At).ToDictionary(g => g.Key, g => g.First());
        var latencies = result.MobieTrain.Invitations
            .Select(i => (i.CreatedAt!.Value - confirmedAt[long.Parse(i.ExternalId!, CultureInfo.InvariantCulture)]) + TimeSpan.FromMilliseconds(runsAt[i.CreatedAt.Value].DurationMs))
            .Order().ToList();
        var scheduledOnly = confirmedAt.Values.Select(t => NextScheduledRun(t) - t).Order().ToList();
        var oneRun = TimeSpan.FromMilliseconds(result.Runs.Max(r => r.DurationMs));
        var (median, max) = (Median(latencies), latencies.LastOrDefault());
        var debounceBound = Tenant.WebhookDebounce + oneRun;
        var intervalBound = (Tenant.WebhookMinInterval > Tenant.WebhookDebounce ? Tenant.WebhookMinInterval : Tenant.WebhookDebounce) + oneRun;
        return new BenchResult(
            "notification-latency",
            $"{Confirmations} confirmations at random times of a day, each notified: invited within debounce + one run ({Minutes(Tenant.WebhookDebounce)} + run) at the median; " +
            $"at most minimum interval + one run ({Minutes(Tenant.WebhookMinInterval)} + run) for one that comes right after an early run started",
            $"median {Minutes(median)}, maximum {Minutes(max)} from confirmation to invitation ({latencies.Count} of {Confirmations} invited, {result.Runs.Count} early runs, " +
            $"longest run {oneRun.TotalMilliseconds:0} ms); without notifications: median {Hours(Median(scheduledOnly))}, maximum {Hours(scheduledOnly[^1])}",
            latencies.Count == Confirmations && median <= debounceBound && max <= intervalBound,
            BenchSuites.Figures(("confirmations", Confirmations), ("invited", latencies.Count), ("earlyRuns", result.Runs.Count), ("medianSeconds", median.TotalSeconds),
                ("maxSeconds", max.TotalSeconds), ("longestRunMs", oneRun.TotalMilliseconds), ("scheduledOnlyMedianHours", Median(scheduledOnly).TotalHours),
                ("scheduledOnlyMaxHours", scheduledOnly[^1].TotalHours)));
    }

    private static async Task<BenchResult> BurstAsync(ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var random = new Random(Seed + 1);
        var start = Day.AddHours(10);
        var steps = Enumerable.Range(0, Burst).Select(_ => start.AddSeconds(random.Next(90 * 60))).Order()
            .Select(at => (ScenarioStep)new NotifyStep(null, "employee.updated", at)).ToList();
        steps.Add(new AdvanceStep(start.AddHours(3)));

        var result = await ScenarioRunner.RunAsync(Scenario(steps), options, cancellationToken);
        var starts = result.Runs.Where(r => r.Record.Trigger == RunTrigger.Webhook).Select(r => r.At).Order().ToList();
        var busiestHour = starts.Count == 0 ? 0 : starts.Max(from => starts.Count(at => at >= from && at < from.AddHours(1)));
        var bound = (int)(60 / Tenant.WebhookMinInterval.TotalMinutes) + 1;
        return new BenchResult(
            "notification-burst",
            $"a burst of {Burst:N0} notifications within 90 minutes: at most 60 ÷ WebhookMinInterval + 1 = {bound} runs in any hour",
            $"{starts.Count} early runs for {Burst:N0} notifications, {busiestHour} in the busiest hour; due at {string.Join(", ", starts.Select(s => s.ToString("HH:mm", CultureInfo.InvariantCulture)))}; " +
            $"all {(result.Runs.All(r => r.Record.Status == RunStatus.Succeeded) ? "Succeeded" : "not Succeeded")}",
            busiestHour <= bound && starts.Count > 0,
            BenchSuites.Figures(("notifications", Burst), ("earlyRuns", starts.Count), ("busiestHourRuns", busiestHour), ("bound", bound)));
    }

    // Everyone active, on one event tomorrow, not yet confirmed.
    private static Scenario Scenario(List<ScenarioStep> steps) => new(
        Tenant,
        new StaffCloudRecords(
            [.. Enumerable.Range(1, Confirmations).Select(id => BenchSuites.Employee(id, $"Last{id}", $"employee{id}@example.com"))],
            [new JsonObject { ["id"] = 1, ["name"] = "Harbour Festival", ["start"] = "2026-03-03 08:00:00", ["end"] = "2026-03-03 18:00:00", ["status"] = 2 }],
            [.. Enumerable.Range(1, Confirmations).Select(id => Assignment(id, status: 3))]),
        new MobieTrainContents(),
        SimulatorSettings.Default,
        SimulatorSettings.Default,
        steps);

    private static JsonObject Assignment(long employeeId, int status) =>
        new() { ["id"] = 1000 + employeeId, ["employee_id"] = employeeId, ["event_id"] = 1, ["status"] = status };

    // 02:00 or 14:00 UTC: when the invitation would go without notifications.
    private static DateTimeOffset NextScheduledRun(DateTimeOffset at)
    {
        var date = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return new[] { date.AddHours(2), date.AddHours(14), date.AddDays(1).AddHours(2) }.First(run => run > at);
    }

    private static TimeSpan Median(List<TimeSpan> sorted) => sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];

    private static string Minutes(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMinutes}:{value.Seconds:00} min");

    private static string Hours(TimeSpan value) => $"{value.TotalHours:0.0} h";
}
