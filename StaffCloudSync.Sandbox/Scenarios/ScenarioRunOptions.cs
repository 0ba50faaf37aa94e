using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>How to run a scenario: which storage, extra services (logging), extra settings, where progress goes.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>A storage connection string; null uses <c>AzureWebJobsStorage</c> when it answers, else a private Azurite.</summary>
    public string? StorageConnectionString { get; init; }
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Told of each step as it starts (for a progress display).</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Told of each sync step's runs as they go: phase, writes done of planned (for a live display).</summary>
    public IProgress<RunProgress>? RunProgress { get; init; }
}
