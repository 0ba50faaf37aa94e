namespace StaffCloudSync.Tests.Infrastructure;

/// <summary>Where the repository and the shared spec folder (<c>../shared</c>, next to the checkout) are.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder: <c>STAFFCLOUDSYNC_SHARED</c> when set, else <c>../shared</c> beside the checkout.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("STAFFCLOUDSYNC_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static IEnumerable<string> SharedScenarios() =>
        Directory.GetFiles(Path.Combine(Shared, "scenarios"), "*.json").Order(StringComparer.Ordinal);

    /// <summary>The project's own scenarios (faults, outages, the deletion guard, acceptance and edits) in <c>scenarios/</c>.</summary>
    public static IEnumerable<string> ProjectScenarios() =>
        Directory.GetFiles(Path.Combine(Root, "scenarios"), "*.json").Order(StringComparer.Ordinal);

    /// <summary>
    /// The Functions project's build output (the worker dll, <c>functions.metadata</c>, host.json). This assembly
    /// references the project, so it is built first, with the same configuration (Debug/Release) as this one.
    /// </summary>
    public static string FunctionsOutput
    {
        get
        {
            var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var configuration = segments[Array.LastIndexOf(segments, "bin") + 1];
            return Path.Combine(Root, "StaffCloudSync.Functions", "bin", configuration, "net10.0");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaffCloudSync.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StaffCloudSync.slnx above {AppContext.BaseDirectory}.");
    }
}
