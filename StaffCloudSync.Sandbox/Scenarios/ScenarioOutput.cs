using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>The JSON document of <c>sandbox run --json</c> (scenario-format.md, "Output").</summary>
public static class ScenarioOutput
{
    private static readonly JsonSerializerOptions CountsJson = new(JsonSerializerDefaults.Web);

    public static JsonObject ToJson(ScenarioResult result) => new()
    {
        ["runs"] = new JsonArray(result.Runs.Select(Run).ToArray<JsonNode?>()),
        ["mobietrain"] = JsonSerializer.SerializeToNode(result.MobieTrain, MobieTrainSimulatorJson.Options),
        ["staffcloudWrites"] = result.StaffCloudWrites,
    };

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // schedule | manual | webhook (scenario-format.md): a sync step's run is a scheduled one.
    public static string Trigger(RunTrigger trigger) => trigger == RunTrigger.Scheduled ? "schedule" : trigger.ToString().ToLowerInvariant();

    private static JsonObject Run(ScenarioRun run) => new()
    {
        ["at"] = Timestamp(run.At),
        ["dryRun"] = run.DryRun,
        ["trigger"] = Trigger(run.Record.Trigger),
        ["status"] = run.Record.Status.ToString(),
        ["reason"] = run.Record.Reason,
        ["counts"] = JsonSerializer.SerializeToNode(run.Record.Counts, CountsJson),
        ["skipped"] = new JsonArray(run.Record.Skipped
            .Select(s => (JsonNode?)new JsonObject { ["employeeId"] = s.EmployeeId, ["reason"] = s.Reason.ToString() }).ToArray()),
        ["requests"] = new JsonObject
        {
            ["staffcloud"] = run.Requests.StaffCloud,
            ["mobietrainReads"] = run.Requests.MobieTrainReads,
            ["mobietrainWrites"] = run.Requests.MobieTrainWrites,
        },
        ["durationMs"] = run.DurationMs,
    };
}
