using System.Net.Sockets;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The storage emulator: the one <c>AzureWebJobsStorage</c> points at when it answers, else our own pinned Azurite on free
/// loopback ports, started once per process. When it cannot be had, callers fail instead of skipping.</summary>
public static class AzuriteHost
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's published development key; it opens nothing but the local emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly Lock Gate = new();
    private static readonly Lazy<Task<string>> Startup = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Process? _azurite;
    private static string? _workspace;

    // A failed start is remembered, so every test needing it fails at once.
    public static Task<string> EnsureStartedAsync() => Startup.Value;

    public static void Stop()
    {
        lock (Gate)
        {
            try
            {
                if (_azurite is { HasExited: false })
                {
                    _azurite.Kill(entireProcessTree: true);
                    _azurite.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _azurite?.Dispose();
            _azurite = null;

            try
            {
                if (_workspace is not null && Directory.Exists(_workspace))
                    Directory.Delete(_workspace, recursive: true);
            }
            catch (IOException)
            {
                // A scratch folder in the temp directory: not worth failing the test run over.
            }

            _workspace = null;
        }
    }

    private static async Task<string> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && await LoopbackPorts.IsReachableAsync(fromEnvironment))
            return fromEnvironment;

        var root = AzuriteInstall.Folder();
        var executable = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(executable))
            await AzuriteInstall.RunNpmCiAsync(root);

        var (blob, queue, table) = LoopbackPorts.FreeThree();
        var location = Path.Combine(Path.GetTempPath(), "staffcloudsync-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        string[] arguments =
        [
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(CultureInfo.InvariantCulture),
        ];
        Process process;
        ProcessOutputTail output;
        lock (Gate)
        {
            // A scratch folder of its own: in-memory Azurite refuses --location, and nothing it might write lands in the repo.
            (process, output) = ProcessOutputTail.Start(executable, arguments, location, $"Azurite ({executable}) could not be started (is Node.js installed?).");
            _azurite = process;
            _workspace = location;
        }

        var waited = Stopwatch.StartNew();
        while (!await LoopbackPorts.AllAcceptAsync(blob, queue, table))
        {
            if (process.HasExited || waited.Elapsed > StartDeadline)
            {
                var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not open ports {blob}, {queue}, {table} within {StartDeadline.TotalSeconds:0} s";
                Stop();
                throw new InvalidOperationException($"Azurite ({executable}) {why}. Its output:\n{output}");
            }

            await Task.Delay(PollInterval);
        }

        return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};"
            + $"QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};"
            + $"TableEndpoint=http://127.0.0.1:{table}/{AccountName};";
    }
}

internal static class LoopbackPorts
{
    public static (int Blob, int Queue, int Table) FreeThree()
    {
        // All three bound at once so the system hands out three different ports.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static async Task<bool> AllAcceptAsync(params int[] ports) =>
        (await Task.WhenAll(ports.Select(port => AcceptsAsync("127.0.0.1", port)))).All(accepts => accepts);

    public static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    // The table endpoint, as the Tables SDK reads the connection string.
    public static Task<bool> IsReachableAsync(string connectionString)
    {
        Uri endpoint;
        try
        {
            endpoint = new TableServiceClient(connectionString).Uri;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return Task.FromResult(false);
        }

        return AcceptsAsync(endpoint.Host, endpoint.Port);
    }
}
