using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Cli;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Cli;

/// <summary>One in-process call of the CLI: its exit code and both streams as the operator would see them.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The CLI's clock in tests starts here, so what is current or past never depends on the day the tests run.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    // Each reading moves it on a second, so runs recorded one after another still sort newest first.
    private static readonly FakeTimeProvider Clock = new(Now) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Runs the CLI with an environment of the test's own (never the test process's), its clock at <see cref="Now"/> and
    /// back-off waits skipped.
    /// </summary>
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunAsync(environment, CancellationToken.None, args);

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, environment ?? new Dictionary<string, string?>(),
            services => services.AddSingleton(new BackoffClock(new InstantTimeProvider())).AddSingleton<TimeProvider>(Clock),
            cancellationToken);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Standard output as the one JSON document it must be (parsing fails on anything before or after it).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
