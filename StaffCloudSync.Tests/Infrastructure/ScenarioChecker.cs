using System.Diagnostics;

namespace StaffCloudSync.Tests.Infrastructure;

/// <summary>Runs the shared checker (<c>../shared/tools/check-scenario.py</c>) on a scenario and a run's output.</summary>
internal static class ScenarioChecker
{
    public static async Task<string> CheckAsync(string scenarioPath, string outputPath)
    {
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Shared, "tools", "check-scenario.py"), scenarioPath, outputPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (await stdout + await stderr).Trim();
    }
}
