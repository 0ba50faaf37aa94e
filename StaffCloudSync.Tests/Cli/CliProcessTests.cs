using System.Diagnostics;
using System.Text.Json;
using StaffCloudSync.Cli;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Cli;

/// <summary>The real entry point, as a process: `dotnet StaffCloudSync.Cli.dll sandbox run … --json`.</summary>
[NonParallelizable]
public class CliProcessTests
{
    [Test]
    public async Task BuiltCli_RunsAScenario_PrintsOneJsonDocument_AndLeavesNoAzuriteBehind()
    {
        // Our own Azurite runs already, so any Azurite counted after the child exits would be one the child left behind.
        await AzuriteHost.EnsureStartedAsync();
        var before = AzuriteProcesses();
        var scenario = RepositoryPaths.SharedScenarios().First();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { CliDll(), "sandbox", "run", scenario, "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Success), await stderr);
        using var document = JsonDocument.Parse(await stdout);
        Assert.That(document.RootElement.GetProperty("runs").GetArrayLength(), Is.GreaterThan(0));
        if (OperatingSystem.IsLinux())
        {
            Assert.That(AzuriteProcesses(), Is.SubsetOf(before), "the CLI stops the Azurite it started: no Azurite is there that was not before");
        }
    }

    internal static string CliDll()
    {
        // bin/<Configuration>/net10.0 of the tests → the same of the CLI, built as the tests' project reference.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryPaths.Root, "StaffCloudSync.Cli", "bin", output.Parent!.Name, output.Name, "StaffCloudSync.Cli.dll");
        Assert.That(path, Does.Exist);
        return path;
    }

    private static List<int> AzuriteProcesses()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var ids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    // argv is NUL-separated: node_modules/.bin/azurite is how AzuriteHost starts it.
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("node_modules/.bin/azurite\0", StringComparison.Ordinal))
                    {
                        ids.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        return ids;
    }
}
