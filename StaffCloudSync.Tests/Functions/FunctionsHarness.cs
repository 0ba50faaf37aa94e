using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Functions;

/// <summary>
/// The Functions' services as the app builds them, on Azurite (tables and the <c>tenant-sync</c> queue) and the two
/// simulators over loopback; function classes are created from the container and called directly.
/// </summary>
internal sealed class FunctionsHarness : IAsyncDisposable
{
    private FunctionsHarness(SandboxEnvironment environment, QueueClient queue)
    {
        Environment = environment;
        Queue = queue;
    }

    public SandboxEnvironment Environment { get; }

    /// <summary>The queue as the trigger reads it (base64).</summary>
    public QueueClient Queue { get; }

    public static async Task<FunctionsHarness> StartAsync(params TenantSettings[] tenants)
    {
        var storage = await AzuriteHost.EnsureStartedAsync();
        var environment = await TestSandbox.StartAsync(tenants.Select(t => new SandboxTenant(t)).ToList());
        var queue = new QueueClient(storage, SyncRequest.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        return new FunctionsHarness(environment, queue);
    }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Environment.Services);

    public T Service<T>() where T : notnull => Environment.Services.GetRequiredService<T>();

    /// <summary>One eligible employee (confirmed on a future event) in the tenant's StaffCloud.</summary>
    public void SeedEligible(string apiTenant, long employeeId)
    {
        var tenant = Environment.StaffCloud.Tenant(apiTenant);
        tenant.Upsert(StaffCloudResource.Events, [new JsonObject { ["id"] = 10, ["name"] = "Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 }]);
        tenant.Upsert(StaffCloudResource.Employees, [new JsonObject
        {
            ["id"] = employeeId, ["firstname"] = "Ana", ["lastname"] = "Lopez", ["email"] = $"e{employeeId}@example.com", ["status"] = 4,
            ["communication_language"] = "de",
        }]);
        tenant.Upsert(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 100 + employeeId, ["employee_id"] = employeeId, ["event_id"] = 10, ["status"] = 7 }]);
    }

    public async ValueTask DisposeAsync()
    {
        await Queue.ClearMessagesAsync();
        await Environment.DisposeAsync();
    }
}
