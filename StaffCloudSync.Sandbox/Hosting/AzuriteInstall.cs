using System.ComponentModel;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>Where Azurite is installed from: the repository's pinned package files in a checkout, else a cache folder with the same
/// pinned version (the installed .NET tool).</summary>
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

/// <summary>The last lines a child process printed, for the error message when it fails.</summary>
internal sealed class ProcessOutputTail
{
    private const int MaxLines = 30;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Starts a child with both streams collected; one that cannot start (no Node.js) fails with <paramref name="cannotStart"/>.</summary>
    public static (Process Process, ProcessOutputTail Output) Start(string file, string[] arguments, string workingDirectory, string cannotStart)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        var tail = new ProcessOutputTail();
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException(cannotStart, ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, tail);
    }

    private void Add(string? line)
    {
        if (line is null)
            return;

        _lines.Enqueue(line);
        while (_lines.Count > MaxLines)
            _lines.TryDequeue(out _);
    }

    public override string ToString() => string.Join('\n', _lines);
}
