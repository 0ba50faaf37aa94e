using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffCloudSync.Cli;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Cli;

/// <summary>
/// The live progress line: on a terminal (the built CLI under a pseudo-terminal) it shows the phase and the writes done
/// of planned; redirected or with <c>--json</c> not a character of it.
/// </summary>
[NonParallelizable]
public partial class CliProgressTests
{
    [TestCase("--json")]
    [TestCase("--verbose")]
    [TestCase(null)]
    public async Task RedirectedOrJson_CarriesNoProgress(string? option)
    {
        var path = await WriteScenarioAsync(people: 200, rateLimitPerSecond: 0);
        var environment = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await AzuriteHost.EnsureStartedAsync() };

        var run = await CliRun.RunAsync(environment, option is null ? ["sandbox", "run", path] : ["sandbox", "run", path, option]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        if (option == "--json")
        {
            Assert.That(run.Json().GetProperty("runs")[0].GetProperty("counts").GetProperty("invited").GetInt32(), Is.EqualTo(200));
        }

        foreach (var (name, text) in new[] { ("stdout", run.Stdout), ("stderr", run.Stderr) })
        {
            Assert.That(text, Does.Not.Contain("writes/s").And.Not.Contain(" of 201 writes").And.Not.Contain("apply: "), name);
            Assert.That(text.Any(c => c is '\u001b' or '\r' || c is >= '\u2800' and <= '\u28ff'), Is.False, $"{name}: no ANSI codes, carriage returns or spinner");
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task OnATerminal_ASandboxRun_ShowsThePhase_AndWritesDoneOfPlanned()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            Assert.Ignore("needs util-linux's script for a pseudo-terminal");
        }

        // 2,500 invitations paced at 500 a second: five seconds of writes, so the line refreshes with a rate (shown once
        // the writes have run a second) several times even when a loaded machine delays the refreshes.
        var path = await WriteScenarioAsync(people: 2_500, rateLimitPerSecond: 500);
        var command = $"stty cols 200 rows 50; exec dotnet '{CliProcessTests.CliDll()}' sandbox run '{path}'";
        var start = new ProcessStartInfo("/usr/bin/script")
        {
            ArgumentList = { "-qfec", command, "/dev/null" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["AzureWebJobsStorage"] = await AzuriteHost.EnsureStartedAsync();

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(50));

        var screen = Ansi().Replace(await output, string.Empty);
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Success), $"{screen[..Math.Min(screen.Length, 4000)]}\n{await error}");
        var lines = screen.Split('\r', '\n').Where(l => l.Contains("writes", StringComparison.Ordinal)).ToList();
        TestContext.Out.WriteLine(string.Join('\n', lines.Distinct().Take(12)));
        Assert.That(screen, Does.Contain("step 1 of 1: sync at 2026-03-01 02:00Z · "), "the step labels the line");
        Assert.That(lines, Has.Some.Match(@"apply: invitations · [\d,]+ of 2,501 writes"), "phase and writes done of planned");
        Assert.That(lines, Has.Some.Match(@"[\d,.]+ writes/s · about \d+ s left"), "rate and time left");
        Assert.That(screen, Does.Contain("MobieTrain at the end"), "then the report");
    }

    /// <summary>Everybody eligible on one event, MobieTrain empty: one group and an invitation each.</summary>
    private static async Task<string> WriteScenarioAsync(int people, int rateLimitPerSecond)
    {
        var employees = new JsonArray();
        var assignments = new JsonArray();
        for (var id = 1; id <= people; id++)
        {
            employees.Add(new JsonObject
            {
                ["id"] = id, ["firstname"] = "Ana", ["lastname"] = $"Person{id}", ["email"] = $"p{id}@example.com", ["mobile"] = null,
                ["communication_language"] = "en", ["status"] = 4,
            });
            assignments.Add(new JsonObject { ["id"] = 100_000 + id, ["employee_id"] = id, ["event_id"] = 10, ["status"] = 7 });
        }

        var scenario = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "acme" },
            ["staffcloud"] = new JsonObject
            {
                ["employees"] = employees,
                ["events"] = new JsonArray(new JsonObject { ["id"] = 10, ["name"] = "Spring Fair", ["start"] = "2026-03-05 08:00:00", ["end"] = "2026-03-05 18:00:00", ["status"] = 2 }),
                ["assignments"] = assignments,
            },
            ["simulators"] = new JsonObject { ["mobietrain"] = new JsonObject { ["latencyMs"] = 0, ["rateLimitPerSecond"] = rateLimitPerSecond, ["faults"] = new JsonArray() } },
            ["steps"] = new JsonArray(new JsonObject { ["sync"] = new JsonObject { ["at"] = "2026-03-01T02:00:00Z" } }),
        };
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"progress-{people}.json"));
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        return path;
    }

    // CSI sequences (colours, cursor moves, show/hide) and the two-character ones (keypad mode).
    [GeneratedRegex(@"\u001b(\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex Ansi();
}
