using System.Diagnostics;
using System.Reflection;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>Where Azurite is installed from: the repository's pinned package.json and lock file when running from a checkout
/// (tests, <c>dotnet run</c>), otherwise a cache folder with the same pinned version (the installed .NET tool).</summary>
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

    /// <summary>Installs the pinned Azurite into <paramref name="root"/> (<c>npm ci</c>), failing with npm's last lines.</summary>
    public static async Task RunNpmCiAsync(string root)
    {
        var (npm, output) = ProcessOutputTail.Start(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
            root, "Azurite is not installed and npm could not be started (is Node.js installed?).");
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
