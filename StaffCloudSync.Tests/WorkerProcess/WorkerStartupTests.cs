namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// Start-up of the built worker as a real process with the sample settings as environment variables: a missing or
/// invalid setting ends it with the validator's message naming the setting; the sample itself gets it as far as the
/// host connection (it dials the test host and opens the event stream).
/// </summary>
[Category("WorkerProcess")]
[NonParallelizable]
public class WorkerStartupTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(45);

    // A cold start of the worker on a busy 2-core machine included.
    private static readonly TimeSpan ConnectDeadline = TimeSpan.FromSeconds(30);

    [TestCase("MobieTrain__BaseUrl", "MobieTrain:BaseUrl (app setting MobieTrain__BaseUrl) is not set")]
    [TestCase("AzureWebJobsStorage", "AzureWebJobsStorage is not set")]
    public async Task MissingSetting_EndsTheWorker_NonZero_NamingTheSetting(string setting, string message)
    {
        var settings = WorkerSettings.Sample();
        Assert.That(settings.Remove(setting), Is.True, $"the sample lists {setting}");

        var (exitCode, output) = await RunUntilExitAsync(settings);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain(message));
    }

    [TestCase("MobieTrain__BaseUrl", "http://mobietrain.example/", "must use https")]
    [TestCase("StaffCloud__Resilience__MaxRetries", "4", "StaffCloud:Resilience:MaxRetries (app setting StaffCloud__Resilience__MaxRetries) is set, but that setting is gone: it is now the constant 4")]
    public async Task InvalidSetting_EndsTheWorker_NonZero_NamingTheSetting(string setting, string value, string message)
    {
        var settings = WorkerSettings.Sample();
        settings[setting] = value;

        var (exitCode, output) = await RunUntilExitAsync(settings);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain(setting.Replace("__", ":", StringComparison.Ordinal)).And.Contain(message));
    }

    [Test]
    public async Task SampleSettings_StartTheWorker_UpToTheHostConnection()
    {
        await using var host = await FunctionRpcHarness.StartAsync();
        using var worker = FunctionsWorkerProcess.Start(host.Endpoint, WorkerSettings.Sample());

        var connection = await host.AcceptAsync(ConnectDeadline, worker);

        Assert.That(connection.WorkerId, Is.EqualTo(worker.WorkerId), "StartStream names the worker id of the command line");
        Assert.That(worker.HasExited, Is.False, worker.Output);
    }

    /// <summary>Starts the worker against a host that is listening (so only the settings can stop it) and waits for its end.</summary>
    private static async Task<(int ExitCode, string Output)> RunUntilExitAsync(Dictionary<string, string> settings)
    {
        await using var host = await FunctionRpcHarness.StartAsync();
        using var worker = FunctionsWorkerProcess.Start(host.Endpoint, settings);
        var exitCode = await worker.WaitForExitAsync(ExitDeadline);
        return (exitCode, worker.Output);
    }
}
