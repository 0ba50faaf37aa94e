using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// The real worker process connected to the test host and brought to where the host invokes functions: the
/// sandbox (Azurite tables and queue, both simulators) with the given tenants, the worker started with the sample
/// settings pointed at it, then WorkerInitRequest, FunctionsMetadataRequest and one FunctionLoadRequest per function.
/// </summary>
internal sealed class WorkerSandbox : IAsyncDisposable
{
    /// <summary>Each step of the protocol answers within this; a cold worker start on a busy 2-core machine included.</summary>
    public static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, string> functionIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> settings;

    private WorkerSandbox(SandboxEnvironment environment, FunctionRpcHarness host, FunctionsWorkerProcess worker, string storage, Dictionary<string, string> settings)
    {
        Environment = environment;
        Host = host;
        Worker = worker;
        StorageConnectionString = storage;
        this.settings = settings;
    }

    public SandboxEnvironment Environment { get; }

    public FunctionRpcHarness Host { get; }

    public FunctionsWorkerProcess Worker { get; private set; }

    public string StorageConnectionString { get; }

    public WorkerConnection Connection { get; private set; } = null!;

    public WorkerInitResponse Init { get; private set; } = null!;

    public FunctionMetadataResponse Metadata { get; private set; } = null!;

    public IReadOnlyDictionary<string, FunctionLoadResponse> Loads { get; private set; } = null!;

    /// <summary>A client of a queue as the trigger reads it (base64, see host.json).</summary>
    public QueueClient Queue(string name) =>
        new(StorageConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static Task<WorkerSandbox> StartAsync(params TenantSettings[] tenants) => StartAsync(new Dictionary<string, string>(), tenants);

    /// <param name="overrides">App settings set over the sample's (e.g. <c>Sync__MaxParallelWrites</c>).</param>
    public static async Task<WorkerSandbox> StartAsync(IReadOnlyDictionary<string, string> overrides, params TenantSettings[] tenants)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var storage = await AzuriteHost.EnsureStartedAsync();
        var sandboxTenants = tenants.Select(t => new SandboxTenant(t)).ToList();
        var tables = TestSandbox.UniqueTables();
        var environment = await TestSandbox.StartAsync(sandboxTenants, settings: tables);
        FunctionRpcHarness? host = null;
        FunctionsWorkerProcess? worker = null;
        try
        {
            host = await FunctionRpcHarness.StartAsync();
            var settings = WorkerSettings.ForSandbox(environment, storage, tables, sandboxTenants);
            foreach (var (name, value) in overrides)
            {
                settings[name] = value;
            }

            worker = FunctionsWorkerProcess.Start(host.Endpoint, settings);
            var sandbox = new WorkerSandbox(environment, host, worker, storage, settings);
            foreach (var queue in new[] { SyncRequest.QueueName, SyncRequest.PoisonQueueName })
            {
                await sandbox.Queue(queue).CreateIfNotExistsAsync();
                await sandbox.Queue(queue).ClearMessagesAsync();
            }

            await sandbox.HandshakeAsync();
            return sandbox;
        }
        catch
        {
            worker?.Dispose();
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>One eligible employee (confirmed on an event far in the future, whatever the machine's date).</summary>
    public void SeedEligible(string apiTenant, long employeeId)
    {
        var tenant = Environment.StaffCloud.Tenant(apiTenant);
        tenant.Upsert(StaffCloudResource.Events, [new JsonObject { ["id"] = 10, ["name"] = "Fair", ["start"] = "2099-03-05 08:00:00", ["end"] = "2099-03-05 18:00:00", ["status"] = 2 }]);
        tenant.Upsert(StaffCloudResource.Employees, [new JsonObject
        {
            ["id"] = employeeId, ["firstname"] = "Ana", ["lastname"] = "Lopez", ["email"] = $"e{employeeId}@example.com", ["status"] = 4,
            ["communication_language"] = "de",
        }]);
        tenant.Upsert(StaffCloudResource.Assignments, [new JsonObject { ["id"] = 100 + employeeId, ["employee_id"] = employeeId, ["event_id"] = 10, ["status"] = 7 }]);
    }

    /// <summary>
    /// A new worker process in place of the one that ended (stopped or killed), on the same sandbox and settings, brought
    /// to where the host invokes functions: what the host does when an instance goes and another takes its queue.
    /// </summary>
    public async Task StartNextWorkerAsync()
    {
        Worker.Dispose();
        Worker = FunctionsWorkerProcess.Start(Host.Endpoint, settings);
        await HandshakeAsync();
    }

    /// <summary>Invokes a loaded function as the host does and returns the worker's answer.</summary>
    public Task<InvocationResponse> InvokeAsync(string function, string bindingName, TypedData data, IReadOnlyDictionary<string, TypedData>? triggerMetadata = null) =>
        InvokeAsync(HostPayloads.Invocation(functionIds[function], bindingName, data, triggerMetadata));

    /// <summary>The invocation the host would send, not yet sent: its id is what an <c>InvocationCancel</c> names.</summary>
    public InvocationRequest Invocation(string function, string bindingName, TypedData data, IReadOnlyDictionary<string, TypedData>? triggerMetadata = null) =>
        HostPayloads.Invocation(functionIds[function], bindingName, data, triggerMetadata);

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await Connection.RequestAsync(new StreamingMessage { InvocationRequest = request }, StepDeadline);
        Assert.That(answer.InvocationResponse, Is.Not.Null, $"the worker answered {answer.ContentCase}");
        Assert.That(answer.InvocationResponse.InvocationId, Is.EqualTo(request.InvocationId));
        return answer.InvocationResponse;
    }

    /// <summary>Why an invocation failed, with the worker's log, for assertion messages.</summary>
    public string Explain(InvocationResponse response) =>
        $"{response.Result?.Exception?.Message}\n{response.Result?.Exception?.StackTrace}\nworker log:\n{Connection.Logs}\noutput:\n{Worker.Output}";

    public async ValueTask DisposeAsync()
    {
        Worker.Dispose();
        await Host.DisposeAsync();
        foreach (var queue in new[] { SyncRequest.QueueName, SyncRequest.PoisonQueueName })
        {
            await Queue(queue).ClearMessagesAsync();
        }

        await Environment.DisposeAsync();
    }

    private async Task HandshakeAsync()
    {
        Connection = await Host.AcceptAsync(StepDeadline, Worker);
        Assert.That(Connection.WorkerId, Is.EqualTo(Worker.WorkerId), "StartStream carries the --functions-worker-id the host gave");

        var init = new WorkerInitRequest
        {
            HostVersion = "4.0.0-test",
            WorkerDirectory = FunctionsWorkerProcess.AppDirectory,
            FunctionAppDirectory = FunctionsWorkerProcess.AppDirectory,
        };
        Init = (await Connection.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, StepDeadline)).WorkerInitResponse;
        Assert.That(Init?.Result?.Status, Is.EqualTo(StatusResult.Types.Status.Success), $"WorkerInitResponse: {Init?.Result?.Exception?.Message}\n{Connection.Logs}");

        var metadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = FunctionsWorkerProcess.AppDirectory };
        Metadata = (await Connection.RequestAsync(new StreamingMessage { FunctionsMetadataRequest = metadataRequest }, StepDeadline)).FunctionMetadataResponse;
        Assert.That(Metadata?.Result?.Status, Is.EqualTo(StatusResult.Types.Status.Success), $"FunctionMetadataResponse: {Metadata?.Result?.Exception?.Message}\n{Connection.Logs}");

        var loads = new Dictionary<string, FunctionLoadResponse>(StringComparer.Ordinal);
        foreach (var function in Metadata!.FunctionMetadataResults)
        {
            var load = new FunctionLoadRequest { FunctionId = FunctionIdOf(function), Metadata = HostIndexing.ForLoad(function) };
            loads[function.Name] = (await Connection.RequestAsync(new StreamingMessage { FunctionLoadRequest = load }, StepDeadline)).FunctionLoadResponse;
            functionIds[function.Name] = load.FunctionId;
        }

        Loads = loads;
    }

    // The worker proposes an id per function; the host keeps it (a fresh one if the worker gave none).
    private static string FunctionIdOf(RpcFunctionMetadata function) =>
        string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId;
}
