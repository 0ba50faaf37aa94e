using System.Diagnostics;
using System.Globalization;
using System.Text;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// The built worker (<c>dotnet StaffCloudSync.Functions.dll</c>) started the way the Functions host starts a
/// dotnet-isolated worker: in the app's folder, with the app settings as environment variables and the host's
/// command-line switches naming the gRPC endpoint to dial. Disposing it kills it by its PID (with its children).
/// </summary>
internal sealed class FunctionsWorkerProcess : IDisposable
{
    // The limit the worker sets on its gRPC channel; large, like the host's default.
    private const int MaxMessageLength = int.MaxValue;

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock gate = new();

    private FunctionsWorkerProcess(Process process, string workerId)
    {
        this.process = process;
        WorkerId = workerId;
    }

    /// <summary>The folder the Functions build writes (worker dll, functions.metadata, host.json).</summary>
    public static string AppDirectory => RepositoryPaths.FunctionsOutput;

    public string WorkerId { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the worker printed on stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="hostEndpoint">Where the test host listens, e.g. <c>http://127.0.0.1:5123/</c>.</param>
    /// <param name="settings">App settings; names the sample lists are never inherited from the test's own environment.</param>
    public static FunctionsWorkerProcess Start(Uri hostEndpoint, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(hostEndpoint);
        ArgumentNullException.ThrowIfNull(settings);
        var dll = Path.Combine(AppDirectory, "StaffCloudSync.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The worker is not built at {dll}: build StaffCloudSync.Functions (the test project references it).", dll);
        }

        var workerId = Guid.NewGuid().ToString();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);

        // Both spellings, as the host passes them (azure-functions-host, RpcWorkerContext.GetFormattedArguments):
        // the worker reads the "functions-" ones (WorkerHostBuilderExtensions maps them to Functions:Worker:*).
        var port = hostEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        var requestId = Guid.NewGuid().ToString();
        var length = MaxMessageLength.ToString(CultureInfo.InvariantCulture);
        foreach (var argument in new[]
        {
            "--host", hostEndpoint.Host, "--port", port, "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", length,
            "--functions-uri", hostEndpoint.AbsoluteUri, "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", length,
        })
        {
            info.ArgumentList.Add(argument);
        }

        // A setting missing on purpose must be missing: drop every app setting the sample knows from what the test
        // process would hand down (a developer's AzureWebJobsStorage, say), then set exactly the given ones.
        foreach (var name in WorkerSettings.SampleNames)
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        // The host's names for the worker's and the app's folder (WorkerConstants.FunctionsWorkerDirectorySettingName,
        // FunctionsApplicationDirectorySettingName). Without the app folder the worker refuses every FunctionLoadRequest
        // ("a required environment variable that is automatically set by the Azure Functions runtime").
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = AppDirectory;
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = AppDirectory;
        info.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = info };
        var worker = new FunctionsWorkerProcess(process, workerId);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the worker to end by itself; fails with its output if it is still running at the deadline.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The worker (PID {ProcessId}) was still running after {deadline.TotalSeconds:0} s. Its output:\n{Output}");
        }

        // WaitForExitAsync returns once the process is gone; the last lines of output may still be on their way.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>What a crash or a lost instance does: the process ends at once, mid-write or not.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>What the platform does to an instance it takes away: SIGTERM, after which the worker shuts down by itself.</summary>
    public void Terminate()
    {
        using var signal = Process.Start("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)]);
        signal.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
        }
    }
}
