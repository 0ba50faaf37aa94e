using StaffCloudSync.Core.Operations;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Sandbox.Simulators;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>Runs a scenario through the real code path (scenario-format.md) on the scenario's clock, in tables of its own.</summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        options.Progress?.Report("starting the simulators and storage");
        var storage = options.StorageConnectionString ?? await AzuriteHost.EnsureStartedAsync();
        var tables = TableNames();
        var settings = new Dictionary<string, string?>(tables);

        // An operator configures the partner's known limit; the sandbox knows its simulator's, and paces just under it.
        var limit = scenario.MobieTrainSimulator.RateLimitPerSecond;
        settings["MobieTrain:RequestsPerSecond"] = limit > 0 ? (limit * 0.96).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
        foreach (var (key, value) in (options.Settings ?? new Dictionary<string, string?>()).Concat(scenario.Settings))
            settings[key] = value;

        var firstSync = scenario.Steps.OfType<SyncStep>().Select(s => s.At).DefaultIfEmpty(DateTimeOffset.UnixEpoch).First();
        var clock = new ScenarioClock(firstSync);
        var environment = await ScenarioSettings.StartAsync(scenario.Settings,
            () => SandboxEnvironment.StartAsync(storage, clock, [new SandboxTenant(scenario.Tenant)],
                ScenarioNotifications.WithScenarioQueue(options.ConfigureServices), settings, cancellationToken));
        await using var disposeEnvironment = environment;
        try
        {
            Seed(scenario, environment);
            var runs = new List<ScenarioRun>();
            DateTimeOffset? lastSync = null;
            for (var i = 0; i < scenario.Steps.Count; i++)
            {
                var step = scenario.Steps[i];
                options.Progress?.Report($"step {i + 1} of {scenario.Steps.Count}: {Describe(step)}");
                switch (step)
                {
                    case SyncStep sync:
                        runs.AddRange(await ScenarioNotifications.RunDueAsync(environment, sync.At, cancellationToken));
                        lastSync = sync.At;
                        runs.AddRange(await SyncAsync(environment, scenario.Tenant.TenantId, sync, cancellationToken, progress: options.RunProgress));
                        break;
                    case NotifyStep or AdvanceStep:
                        runs.AddRange(await ScenarioNotifications.RunStepAsync(environment, scenario.Tenant, step, cancellationToken));
                        lastSync = runs.LastOrDefault()?.At ?? lastSync;
                        break;
                    case StaffCloudChangeStep change:
                        Change(environment.StaffCloud.Tenant(scenario.Tenant.StaffCloudApiTenant), change);
                        break;
                    case MobieTrainChangeStep change:
                        Change(environment, scenario.Tenant.MobieTrainAccountId, change, lastSync ?? clock.GetUtcNow());
                        break;
                    case TenantStep tenantStep:
                        await TenantStepAsync(environment, scenario.Tenant.TenantId, tenantStep, options.Progress, cancellationToken);
                        break;
                }
            }

            return new ScenarioResult(scenario.Tenant.TenantId, runs, environment.MobieTrain.GetContents(scenario.Tenant.MobieTrainAccountId),
                environment.StaffCloud.Requests.Writes);
        }
        finally
        {
            await DropTablesAsync(environment.Services, tables);
        }
    }

    // The step's run (its own sync, or a queued run's first request) and its continuations within the step, each its own run.
    internal static async Task<List<ScenarioRun>> SyncAsync(
        SandboxEnvironment environment, string tenantId, SyncStep step, CancellationToken cancellationToken, SyncRequest? first = null, IProgress<RunProgress>? progress = null)
    {
        environment.Clock.Set(step.At);
        if (step.MobieTrainOutageAfterWrites is { } writes)
            environment.MobieTrain.OutageAfterWrites(writes);

        // Through the run owner, as the CLI runs it: the lease taken once, the chain run here; each invocation is measured.
        var runs = new List<ScenarioRun>();
        var request = first ?? new SyncRequest(tenantId, SyncRequest.NewRunId(), RunTrigger.Scheduled, step.DryRun);
        await environment.Services.GetRequiredService<TenantRunner>().RunInlineAsync(request, async (current, run) =>
        {
            var staffCloudBefore = environment.StaffCloud.Requests.Snapshot();
            var mobieTrainBefore = environment.MobieTrain.Requests.Snapshot();
            var stopwatch = Stopwatch.StartNew();
            var outcome = await run();
            stopwatch.Stop();

            var staffCloud = environment.StaffCloud.Requests.Snapshot() - staffCloudBefore;
            var mobieTrain = environment.MobieTrain.Requests.Snapshot() - mobieTrainBefore;
            runs.Add(new ScenarioRun(step.At, current.DryRun, outcome.Record, outcome.Plan,
                new ScenarioRequests(staffCloud.Reads + staffCloud.Writes, mobieTrain.Reads, mobieTrain.Writes, staffCloud.Throttled + mobieTrain.Throttled),
                stopwatch.ElapsedMilliseconds));
            return outcome;
        }, progress, cancellationToken);

        environment.MobieTrain.EndOutage();
        return runs;
    }

    // Rows first (straight into the table, as az storage entity insert would), then the claim, then the approval.
    private static async Task TenantStepAsync(SandboxEnvironment environment, string tenantId, TenantStep step, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var table = await environment.Services.GetRequiredService<StorageTables>().Tenants.GetAsync(cancellationToken);
        foreach (var row in step.Rows)
            await table.UpsertEntityAsync(TenantEntityMapper.ToEntity(row), TableUpdateMode.Replace, cancellationToken);

        if (step.Claim)
        {
            var claims = environment.Services.GetRequiredService<AccountClaims>();
            var outcome = await claims.ClaimAsync(await claims.ShowAsync(tenantId, cancellationToken), cancellationToken);
            progress?.Report($"claim: {outcome}");
        }

        if (step.AllowDeletions)
        {
            try
            {
                await environment.Services.GetRequiredService<DeletionApprovals>().GrantAsync(tenantId, "scenario", cancellationToken);
            }
            catch (NothingHeldException e)
            {
                // Refused as the CLI refuses it; the scenario goes on without an approval.
                progress?.Report($"allow deletions refused: {e.Message}");
            }
        }
    }

    internal static void Seed(Scenario scenario, SandboxEnvironment environment)
    {
        var staffCloud = environment.StaffCloud.Tenant(scenario.Tenant.StaffCloudApiTenant);
        foreach (var (resource, records) in scenario.StaffCloud.ByResource())
            staffCloud.Seed(resource, records);
        environment.MobieTrain.Seed(scenario.Tenant.MobieTrainAccountId, scenario.MobieTrain);
        // After the scenario's groups and under an id of its own, so the ids the simulator hands out stay as before.
        if (scenario.MobieTrainClaimed)
            environment.MobieTrain.SeedUserGroup(scenario.Tenant.MobieTrainAccountId, Marker(scenario.Tenant.TenantId));

        Configure(environment.StaffCloud, scenario.StaffCloudSimulator);
        Configure(environment.MobieTrain, scenario.MobieTrainSimulator);
        environment.MobieTrain.RateLimitPerSecond = scenario.MobieTrainSimulator.RateLimitPerSecond;
    }

    internal static MobieTrainUserGroupResource Marker(string tenantId) =>
        new() { Id = "ug-marker", Name = TenantMarker.NameFor(tenantId), ExternalId = TenantMarker.ExternalIdFor(tenantId) };

    private static void Configure(SimulatorHost simulator, SimulatorSettings settings)
    {
        simulator.Latency = TimeSpan.FromMilliseconds(settings.LatencyMs);
        simulator.AddFaults(settings.Faults);
    }

    internal static void Change(StaffCloudSimulatorTenant staffCloud, StaffCloudChangeStep change)
    {
        foreach (var (resource, records) in change.Upsert.ByResource())
            staffCloud.Upsert(resource, records);
        staffCloud.Delete(StaffCloudResource.Employees, change.DeleteEmployees);
        staffCloud.Delete(StaffCloudResource.Events, change.DeleteEvents);
        staffCloud.Delete(StaffCloudResource.Assignments, change.DeleteAssignments);
    }

    private static void Change(SandboxEnvironment environment, string accountId, MobieTrainChangeStep change, DateTimeOffset lastSync)
    {
        if (change.AcceptInvitation is { } externalId)
            environment.MobieTrain.AcceptInvitation(accountId, externalId, lastSync);

        foreach (var group in change.UpsertGroups)
            environment.MobieTrain.SeedUserGroup(accountId, group);

        foreach (var edit in change.UpsertUsers)
            environment.MobieTrain.UpsertUser(accountId, edit);
    }

    private static string Describe(ScenarioStep step) => step switch
    {
        SyncStep s => $"sync at {s.At:yyyy-MM-dd HH:mm}Z{(s.DryRun ? " (dry run)" : string.Empty)}",
        StaffCloudChangeStep => "changes in StaffCloud",
        MobieTrainChangeStep => "changes in MobieTrain",
        NotifyStep n => $"StaffCloud's notification {n.Event}{(n.At is { } at ? $" at {at:yyyy-MM-dd HH:mm}Z" : string.Empty)}",
        AdvanceStep a => $"the clock moves to {a.To:yyyy-MM-dd HH:mm}Z",
        _ => "operator action on the tenant",
    };

    // Tables of this run only, so a sandbox on a shared Azurite never mixes with another's rows.
    internal static Dictionary<string, string?> TableNames()
    {
        var suffix = "sb" + Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, string?>
        {
            ["Storage:NamePrefix"] = suffix,
        };
    }

    internal static async Task DropTablesAsync(IServiceProvider services, Dictionary<string, string?> tables)
    {
        var service = services.GetRequiredService<TableServiceClient>();
        foreach (var table in new[] { "Tenants", "SyncRuns", "TenantLeases" }.Select(name => tables.Values.Single() + name))
        {
            try
            {
                await service.DeleteTableAsync(table!);
            }
            catch (Azure.RequestFailedException)
            {
                // Best effort: an in-memory Azurite forgets them anyway.
            }
        }
    }
}

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
