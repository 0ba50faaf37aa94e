using System.Diagnostics;

namespace StaffCloudSync.Tests.Infra;

/// <summary>What one Bicep CLI call printed and how it ended.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics go to stderr and results to stdout; checks read both.</summary>
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// The Bicep CLI that the test project restores as a package (<c>PackageDownload</c> of
/// <c>Azure.Bicep.CommandLine.linux-x64</c>): no az CLI, no download at test time, the same version as the pipeline.
/// </summary>
internal static class BicepCli
{
    /// <summary>Also pinned in StaffCloudSync.Tests.csproj and as <c>bicepVersion</c> in azure-pipelines.yml.</summary>
    public const string Version = "0.49.2";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string> ExecutablePath = new(Find);

    public static string Executable => ExecutablePath.Value;

    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not end within {Timeout}.");
        }

        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The infra checks restore the linux-x64 Bicep CLI: run them on Linux (as CI does).");
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep");
        if (!File.Exists(bicep))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI {Version} is not at {bicep}: restore StaffCloudSync.Tests (its PackageDownload brings it).", bicep);
        }

        // NuGet does not promise to keep the execute bit when it extracts a package.
        var mode = File.GetUnixFileMode(bicep);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(bicep, mode | execute);
        }

        return bicep;
    }
}
