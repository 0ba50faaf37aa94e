using System.ComponentModel;
using System.Net.Sockets;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The emulator <c>AzureWebJobsStorage</c> points at, else our own pinned Azurite; without one callers fail, not skip.</summary>
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
            (process, output) = ProcessOutputTail.Start(
                executable, arguments, location, $"Azurite ({executable}) could not be started (is Node.js installed?).");
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

/// <summary>Where Azurite is installed from: the checkout's pinned package files, else a cache folder (the installed .NET tool).</summary>
internal static class AzuriteInstall
{
    public const string Version = "3.37.0";

    private static readonly TimeSpan NpmDeadline = TimeSpan.FromMinutes(5);

    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaffCloudSync.slnx")) && File.Exists(Path.Combine(dir.FullName, "package-lock.json")))
                return dir.FullName;
        }

        var cache = Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "staffcloud-sync", "azurite-" + Version);
        Directory.CreateDirectory(cache);
        if (!File.Exists(Path.Combine(cache, "package-lock.json")))
        {
            foreach (var name in (string[])["package.json", "package-lock.json"])
            {
                using var resource = Assembly.GetExecutingAssembly().GetManifestResourceStream($"StaffCloudSync.Sandbox.{name}")
                    ?? throw new InvalidOperationException("The pinned Azurite package files are missing from the sandbox assembly.");
                using var target = File.Create(Path.Combine(cache, name));
                resource.CopyTo(target);
            }
        }

        return cache;
    }

    public static async Task RunNpmCiAsync(string root)
    {
        var (npm, output) = ProcessOutputTail.Start(OperatingSystem.IsWindows() ? "npm.cmd" : "npm",
            ["ci", "--no-audit", "--no-fund", "--loglevel=error"], root, "Azurite is not installed and npm could not be started (is Node.js installed?).");
        using var disposeNpm = npm;
        using var timeout = new CancellationTokenSource(NpmDeadline);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"npm ci in {root} did not finish within {NpmDeadline.TotalMinutes:0} minutes. Its last lines:\n{output}");
        }

        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"npm ci in {root} failed with exit code {npm.ExitCode}. Its last lines:\n{output}");
    }
}

/// <summary>The last lines a child process printed, for the error message when it fails.</summary>
internal sealed class ProcessOutputTail
{
    private const int MaxLines = 30;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Starts a child with both streams collected; one that cannot start (no Node.js) fails with <paramref name="cannotStart"/>.</summary>
    public static (Process Process, ProcessOutputTail Output) Start(string file, string[] arguments, string workingDirectory, string cannotStart)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        var tail = new ProcessOutputTail();
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException(cannotStart, ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, tail);
    }

    private void Add(string? line)
    {
        if (line is null)
            return;

        _lines.Enqueue(line);
        while (_lines.Count > MaxLines)
            _lines.TryDequeue(out _);
    }

    public override string ToString() => string.Join('\n', _lines);
}
