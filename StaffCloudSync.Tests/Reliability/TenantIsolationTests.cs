using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Reliability;

/// <summary>
/// Several tenants in one dispatch, one of them broken in a different way each time: the others' outcome is the
/// same as without it, they do not wait for it, and no tenant's data or credentials reach another's endpoints.
/// Real clients, simulators over loopback, Azurite, the queue handler the function calls — run side by side.
/// </summary>
[NonParallelizable]
public class TenantIsolationTests
{
    private static readonly string[] Healthy = ["alpha", "beta"];

    private static TenantSettings Tenant(string id) => Plans.DefaultTenant() with
    {
        TenantId = id, StaffCloudApiTenant = id, MobieTrainAccountId = $"{id}-account", MobieTrainApiKeySecret = $"mobietrain-api-key-{id}",
    };

    private static IEnumerable<TestCaseData> Breakages()
    {
        yield return new TestCaseData("401", (Action<SandboxEnvironment>)(e => e.StaffCloud.Tenant("broken").Token = "eyJ-not-the-right-token"), "Authentication");
        yield return new TestCaseData("500s", Fault(new SimulatorFault { Path = "broken/api/v1/assignments", Status = 500, Times = 1000 }), "Unavailable");
        yield return new TestCaseData("timeouts", Fault(new SimulatorFault { Path = "broken/api/v1/assignments", Hang = true, Times = 1000 }), "Unavailable");
        yield return new TestCaseData("malformed JSON", Fault(new SimulatorFault { Path = "broken/api/v1/assignments", Status = 200, Body = "[{\"id\": 1, \"employee_id\": ", Times = 1000 }), "InvalidResponse");
        yield return new TestCaseData("enormous payload", Fault(new SimulatorFault { Path = "broken/api/v1/assignments", Status = 200, Body = Enormous(), Times = 1000 }), "InvalidResponse");
        yield return new TestCaseData("MobieTrain 503s", (Action<SandboxEnvironment>)(e => e.MobieTrain.AddFaults([new SimulatorFault { Path = "accounts/broken-account/user-groups", Status = 503, Times = 1000 }])), "Unavailable");
        yield return new TestCaseData("MobieTrain key revoked", (Action<SandboxEnvironment>)(e => e.MobieTrain.AddApiKey("revoked-key", "nothing")), "Authentication");
    }

    private static Action<SandboxEnvironment> Fault(SimulatorFault fault) => e => e.StaffCloud.AddFaults([fault]);

    // Two MiB of valid assignments: more than the 1 MiB this test allows a StaffCloud answer.
    private static string Enormous()
    {
        var body = new StringBuilder("[");
        for (var i = 0; body.Length < 2 * 1024 * 1024; i++)
        {
            body.Append(i == 0 ? string.Empty : ",").Append("{\"id\":").Append(i).Append(",\"employee_id\":1,\"event_id\":10,\"status\":7}");
        }

        return body.Append(']').ToString();
    }

    [TestCaseSource(nameof(Breakages))]
    public async Task OneBrokenTenant_NeverChangesTheOthers(string breakage, Action<SandboxEnvironment> breakIt, string expectedKind)
    {
        var tenants = Healthy.Append("broken").Select(id => new SandboxTenant(Tenant(id))).ToList();
        await using var environment = await TestSandbox.StartAsync(tenants, 
            // The timeouts and the answer's limit are constants of the build (issue 22), shortened here in code.
            configureServices: services => services.PostConfigure<StaffCloudOptions>(o =>
            {
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
                o.MaxResponseBytes = 1024 * 1024;
            }));
        foreach (var tenant in tenants)
        {
            Seed(environment, tenant.Settings);
        }

        breakIt(environment);
        if (breakage == "MobieTrain key revoked")
        {
            environment.MobieTrain.RemoveApiKey(tenants.Single(t => t.Settings.TenantId == "broken").MobieTrainApiKey);
        }

        var handler = environment.Services.GetRequiredService<TenantRunner>();
        var timings = new Dictionary<string, TimeSpan>();
        await Task.WhenAll(tenants.Select(async tenant =>
        {
            var id = tenant.Settings.TenantId;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await handler.RunQueuedAsync(new SyncRequest(id, $"run-{id}", RunTrigger.Scheduled, false, Plans.Now).ToJson(), $"m-{id}", 1, CancellationToken.None);
            }
            catch (SyncRetryException)
            {
                // The broken tenant's transient failure goes back to the queue; its record is written all the same.
            }

            lock (timings)
            {
                timings[id] = stopwatch.Elapsed;
            }
        }));

        var runs = environment.Services.GetRequiredService<RunStore>();
        foreach (var id in Healthy)
        {
            var run = await runs.GetAsync(id, $"run-{id}", CancellationToken.None);
            Assert.That(run!.Status, Is.EqualTo(RunStatus.Succeeded), $"{id} next to {breakage}: {run.Reason}");
            Assert.That(run.Counts.Invited, Is.EqualTo(3));
            var invitations = environment.MobieTrain.GetContents($"{id}-account").Invitations;
            Assert.That(invitations.Select(i => i.Email), Has.All.StartsWith($"{id}-"), "only the tenant's own people");
        }

        var broken = await runs.GetAsync("broken", "run-broken", CancellationToken.None);
        Assert.That(broken!.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(broken.Reason, Does.StartWith(expectedKind));
        Assert.That(environment.MobieTrain.GetContents("broken-account").Invitations, Is.Empty, "nothing half-applied");
        if (breakage == "timeouts")
        {
            Assert.That(Healthy.Max(id => timings[id]), Is.LessThan(timings["broken"]), "the healthy tenants did not wait for the hanging one");
        }

        AssertCredentialsStayedHome(environment, tenants);
    }

    private static void AssertCredentialsStayedHome(SandboxEnvironment environment, List<SandboxTenant> tenants)
    {
        foreach (var (prefix, credential) in environment.StaffCloud.CredentialsSeen)
        {
            var owner = tenants.Single(t => prefix.StartsWith(t.Settings.StaffCloudApiTenant + "/", StringComparison.Ordinal));
            Assert.That(tenants.Where(t => t != owner).Select(t => $"Bearer {t.StaffCloudToken}"), Has.None.EqualTo(credential),
                $"another tenant's token reached StaffCloud tenant {owner.Settings.TenantId}");
        }

        foreach (var (prefix, credential) in environment.MobieTrain.CredentialsSeen)
        {
            var owner = tenants.Single(t => prefix == $"v1/accounts/{t.Settings.MobieTrainAccountId}");
            Assert.That(tenants.Where(t => t != owner).Select(t => $"Bearer {t.MobieTrainApiKey}"), Has.None.EqualTo(credential),
                $"another tenant's MobieTrain key reached account {owner.Settings.MobieTrainAccountId}");
        }
    }

    private static void Seed(SandboxEnvironment environment, TenantSettings tenant)
    {
        var staffCloud = environment.StaffCloud.Tenant(tenant.StaffCloudApiTenant);
        staffCloud.Seed(StaffCloudResource.Events, [new JsonObject { ["id"] = 10, ["name"] = "Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 }]);
        for (var id = 1; id <= 3; id++)
        {
            staffCloud.Upsert(StaffCloudResource.Employees, [new JsonObject
            {
                ["id"] = id, ["firstname"] = "Ana", ["lastname"] = "Lopez", ["email"] = $"{tenant.TenantId}-{id}@example.com", ["status"] = 4,
            }]);
            staffCloud.Upsert(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 100 + id, ["employee_id"] = id, ["event_id"] = 10, ["status"] = 7 }]);
        }
    }
}
