using StaffCloudSync.Cli;
using StaffCloudSync.Sandbox.Hosting;

namespace StaffCloudSync.Tests.Cli;

/// <summary>A scenario's top-level <c>settings</c>: app settings by their local.settings.json names, validated as the app validates them.</summary>
public sealed class CliScenarioSettingsTests
{
    private const string Body = """
        "tenant": {"id": "acme"},
        "staffcloud": {"employees": [{"id": 1, "firstname": "Ana", "lastname": "Lopez", "email": "ana@example.com", "status": 4}],
                       "events": [{"id": 10, "name": "Fair", "start": "2026-03-05 08:00:00", "end": "2026-03-05 18:00:00", "status": 2}],
                       "assignments": [{"id": 100, "employee_id": 1, "event_id": 10, "status": 7}]},
        "steps": [{"sync": {"at": "2026-03-01T02:00:00Z"}}]
        """;

    [TestCase("Sync__NoSuchThing", "\"1\"", "settings.Sync__NoSuchThing: is not a setting a scenario can set")]
    [TestCase("AzureWebJobsStorage", "\"UseDevelopmentStorage=true\"", "settings.AzureWebJobsStorage: is not a setting a scenario can set")]
    [TestCase("Sync__RunTimeBudget", "{\"x\": 1}", "settings.Sync__RunTimeBudget: must be a string, a number or a boolean")]
    public async Task UnknownSetting_Exits2NamingIt_AndRunsNothing(string name, string value, string expected)
    {
        var run = await RunAsync(name, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.Contain(expected));
        Assert.That(run.Stdout, Is.Empty);
    }

    [TestCase("Sync__RunTimeBudget", "\"banana\"", "Sync")]
    [TestCase("Sync__RunTimeBudget", "\"00:40:00\"", "Sync:RunTimeBudget (app setting Sync__RunTimeBudget) must be between 00:00:01 and 00:30:00")]
    [TestCase("Sync__RunTimeBudget", "0", "Sync:RunTimeBudget (app setting Sync__RunTimeBudget) must be between 00:00:01 and 00:30:00")]
    [TestCase("Sync__MaxParallelWrites", "0", "Sync:MaxParallelWrites (app setting Sync__MaxParallelWrites) must be between 1 and 64; it is 0.")]
    public async Task InvalidValue_Exits2_WithTheAppsOwnValidationMessage(string name, string value, string expected)
    {
        var run = await RunAsync(name, value, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await AzuriteHost.EnsureStartedAsync() });

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), run.ToString());
        Assert.That(run.Stderr, Does.Contain("error: settings: invalid for the app's settings").And.Contain(expected));
        Assert.That(run.Stdout, Is.Empty, "nothing was run");
    }

    [Test]
    public async Task ValidSetting_ReachesTheRun()
    {
        var run = await RunAsync("Sync__RunTimeBudget", "\"00:00:30\"", new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await AzuriteHost.EnsureStartedAsync() }, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Json().GetProperty("runs")[0].GetProperty("status").GetString(), Is.EqualTo("Succeeded"));
    }

    private static async Task<CliRun> RunAsync(string name, string value, Dictionary<string, string?>? environment = null, params string[] extra)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cli-settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, $$"""{"settings": {"{{name}}": {{value}}}, {{Body}}}""");
        return await CliRun.RunAsync(environment, ["sandbox", "run", path, .. extra]);
    }
}
