using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>
/// The storage emulator for the tests and the sandbox: the one <c>AzureWebJobsStorage</c> points at when it answers,
/// otherwise an Azurite of our own (the version pinned in the repo's package.json) on free loopback ports, started once
/// per process and stopped by <see cref="Stop"/> (the test run's teardown, the CLI's exit). When it cannot be had,
/// callers fail instead of skipping.
/// </summary>
public static class AzuriteHost
{
    private const string AccountName = "devstoreaccount1";

    // Azurite's published development key; it opens nothing but the local emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan NpmDeadline = TimeSpan.FromMinutes(5);

    private static readonly Lock Gate = new();
    private static readonly Lazy<Task<string>> Startup = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Process? azurite;
    private static string? workspace;

    /// <summary>The emulator's connection string; a failed start is remembered, so every test needing it fails at once.</summary>
    public static Task<string> EnsureStartedAsync() => Startup.Value;

    /// <summary>Kills our Azurite (its whole process tree) if we started one.</summary>
    public static void Stop()
    {
        lock (Gate)
        {
            if (azurite is not null)
            {
                try
                {
                    if (!azurite.HasExited)
                    {
                        azurite.Kill(entireProcessTree: true);
                        azurite.WaitForExit(5000);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }

                azurite.Dispose();
                azurite = null;
            }

            try
            {
                if (workspace is not null && Directory.Exists(workspace))
                {
                    Directory.Delete(workspace, recursive: true);
                }
            }
            catch (IOException)
            {
                // A scratch folder in the temp directory: not worth failing the test run over.
            }

            workspace = null;
        }
    }

    private static async Task<string> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && await IsReachableAsync(fromEnvironment).ConfigureAwait(false))
        {
            return fromEnvironment;
        }

        var root = AzuriteInstall.Folder();
        var executable = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(executable))
        {
            await RunNpmCiAsync(root).ConfigureAwait(false);
        }

        var (blob, queue, table) = FreeLoopbackPorts();
        var location = Path.Combine(Path.GetTempPath(), "staffcloudsync-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var info = new ProcessStartInfo(executable)
        {
            // A scratch folder of its own: in-memory Azurite refuses --location, and nothing it might write lands in the repo.
            WorkingDirectory = location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var output = new OutputTail();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        lock (Gate)
        {
            try
            {
                process.Start();
            }
            catch (Win32Exception ex)
            {
                process.Dispose();
                throw new InvalidOperationException($"Azurite ({executable}) could not be started (is Node.js installed?).", ex);
            }

            azurite = process;
            workspace = location;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (!await AllAcceptAsync(blob, queue, table).ConfigureAwait(false))
        {
            if (process.HasExited || waited.Elapsed > StartDeadline)
            {
                var why = process.HasExited ? $"exited with code {process.ExitCode}" : $"did not open ports {blob}, {queue}, {table} within {StartDeadline.TotalSeconds:0} s";
                Stop();
                throw new InvalidOperationException($"Azurite ({executable}) {why}. Its output:\n{output}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};"
            + $"QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};"
            + $"TableEndpoint=http://127.0.0.1:{table}/{AccountName};";
    }


    private static async Task RunNpmCiAsync(string root)
    {
        var info = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            info.ArgumentList.Add(argument);
        }

        var output = new OutputTail();
        using var npm = new Process { StartInfo = info };
        npm.OutputDataReceived += (_, e) => output.Add(e.Data);
        npm.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            npm.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Azurite is not installed and npm could not be started (is Node.js installed?).", ex);
        }

        npm.BeginOutputReadLine();
        npm.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(NpmDeadline);
        try
        {
            await npm.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"npm ci in {root} did not finish within {NpmDeadline.TotalMinutes:0} minutes. Its last lines:\n{output}");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {root} failed with exit code {npm.ExitCode}. Its last lines:\n{output}");
        }
    }

    private static (int Blob, int Queue, int Table) FreeLoopbackPorts()
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

    private static async Task<bool> AllAcceptAsync(params int[] ports)
    {
        foreach (var port in ports)
        {
            if (!await AcceptsAsync("127.0.0.1", port).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether the table endpoint of a connection string accepts connections.</summary>
    private static Task<bool> IsReachableAsync(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        Uri? endpoint = null;
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = new Uri("http://127.0.0.1:10002");
        }
        else if (parts.TryGetValue("TableEndpoint", out var table))
        {
            _ = Uri.TryCreate(table, UriKind.Absolute, out endpoint);
        }
        else if (parts.TryGetValue("AccountName", out var account))
        {
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"https://{account}.table.{suffix}");
        }

        return endpoint is null ? Task.FromResult(false) : AcceptsAsync(endpoint.Host, endpoint.Port);
    }

    /// <summary>The last lines a child process printed, for the error message when it fails.</summary>
    private sealed class OutputTail
    {
        private const int MaxLines = 30;
        private readonly Queue<string> lines = new();
        private readonly Lock gate = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                lines.Enqueue(line);
                if (lines.Count > MaxLines)
                {
                    lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (gate)
            {
                return new StringBuilder().AppendJoin('\n', lines).ToString();
            }
        }
    }
}
