namespace StaffCloudSync.Core.Platform.AppSettings;

/// <summary>A setting the app no longer reads (issue 22: only what differs per environment or what an operator has a reason to
/// tune stays a setting), <paramref name="Key"/> below its section (<c>Resilience:MaxRetries</c>), and what took its
/// place (<c>the constant 4</c>).</summary>
public sealed record RemovedSetting(string Key, string Now);

/// <summary>The removed settings of one section that the configuration still holds, as start-up failures.</summary>
public sealed class RemovedSettingsFound
{
    public List<string> Failures { get; } = [];
}

/// <summary>Fails start-up when a removed setting is still present in configuration (as <c>Section:Key</c>, or
/// <c>Section__Key</c> in app settings and environment variables), naming it and saying it is gone: a value an operator
/// set must not be silently ignored. Each section registers its own list, beside the constants that replaced them.</summary>
public static class RemovedSettings
{
    public static IServiceCollection RejectRemovedSettings(this IServiceCollection services, IConfiguration configuration,
        string section, IReadOnlyList<RemovedSetting> removed)
    {
        // Named by the section, so every section is checked once however often its registration runs.
        services.AddOptions<RemovedSettingsFound>(section)
            .Configure(found =>
            {
                found.Failures.Clear();
                found.Failures.AddRange(Find(configuration, section, removed));
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemovedSettingsFound>, Validator>());
        return services;
    }

    /// <summary>A failure for each of <paramref name="removed"/> that <paramref name="configuration"/> holds (a value or a sub-section).</summary>
    public static IEnumerable<string> Find(IConfiguration configuration, string section, IEnumerable<RemovedSetting> removed) => removed
        .Where(setting => configuration.GetSection($"{section}:{setting.Key}").Exists())
        .Select(setting => $"{AppSetting.Name(section, setting.Key)} is set, but that setting is gone: {setting.Now}. " +
            "Remove it from the app settings (local.settings.json, the function app's configuration) or the environment.")
        .ToList();

    private sealed class Validator : IValidateOptions<RemovedSettingsFound>
    {
        public ValidateOptionsResult Validate(string? name, RemovedSettingsFound options) => AppSetting.Result(options.Failures);
    }
}
