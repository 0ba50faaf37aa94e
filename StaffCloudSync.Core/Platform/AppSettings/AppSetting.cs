namespace StaffCloudSync.Core.Platform.AppSettings;

/// <summary>How the options validators word a setting, so every start-up failure reads alike and says what to edit, e.g.
/// <c>Sync:RunTimeBudget (app setting Sync__RunTimeBudget) must be between 00:00:01 and 00:30:00; it is 00:00:00.</c></summary>
public static class AppSetting
{
    /// <summary>Every failure found (nulls are passes), reported at once so an operator fixes them in one go.</summary>
    public static ValidateOptionsResult Result(IEnumerable<string?> failures)
    {
        var found = failures.OfType<string>().ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }

    /// <summary><c>Section:Key (app setting Section__Key)</c>; <paramref name="key"/> may be nested (<c>Resilience:MaxRetries</c>).</summary>
    public static string Name(string section, string key) => $"{section}:{key} (app setting {section}__{key.Replace(":", "__", StringComparison.Ordinal)})";

    /// <summary>The failure of a value outside the inclusive range, or null; <paramref name="why"/> (optional) says where the range comes from.</summary>
    public static string? OutOfRange<T>(string section, string key, T value, T min, T max, string? why = null)
        where T : struct, IComparable<T>, IFormattable =>
        value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0 ? null
            : $"{Name(section, key)} must be between {Text(min)} and {Text(max)}{(why is null ? "" : $" ({why})")}; it is {Text(value)}.";

    // Invariant, so a message reads the same on every host: TimeSpan in its constant form (00:30:00), numbers plain.
    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}

/// <summary>A setting the app no longer reads (issue 22), <paramref name="Key"/> below its section, and what took its place.</summary>
public sealed record RemovedSetting(string Key, string Now);

public sealed class RemovedSettingsFound
{
    public List<string> Failures { get; } = [];
}

/// <summary>Fails start-up when a removed setting is still configured, naming it: a value an operator set must not be silently ignored.</summary>
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
