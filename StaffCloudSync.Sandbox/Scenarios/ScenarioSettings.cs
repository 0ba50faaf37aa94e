using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Sandbox.Hosting;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>A scenario's top-level <c>settings</c> (scenario-format.md): only the sync's tuning sections can be set.</summary>
public static class ScenarioSettings
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [SyncOptions.SectionName] = typeof(SyncOptions),
        [MobieTrainOptions.SectionName] = typeof(MobieTrainOptions),
        [StaffCloudOptions.SectionName] = typeof(StaffCloudOptions),
        [DispatchOptions.SectionName] = typeof(DispatchOptions),
        [QuarantineOptions.SectionName] = typeof(QuarantineOptions),
    };

    public static Dictionary<string, string?> Read(JsonNode? node)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (node is null)
            return settings;

        if (node is not JsonObject values)
            throw new ScenarioFormatException("settings", "must be an object of app settings, e.g. {\"Sync__RunTimeBudget\": \"00:00:20\"}");

        foreach (var (name, value) in values)
        {
            var path = $"settings.{name}";
            if (!IsKnown(name))
            {
                throw new ScenarioFormatException(path,
                    $"is not a setting a scenario can set (sections {string.Join(", ", Sections.Keys.Select(k => k + "__*"))}, by their local.settings.json names)");
            }

            settings[name.Replace("__", ":", StringComparison.Ordinal)] = value?.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                _ => throw new ScenarioFormatException(path, "must be a string, a number or a boolean"),
            };
        }

        return settings;
    }

    // The start runs the app's start-up validation (IStartupValidator): a bad value becomes an invalid file (exit 2) before any step.
    public static async Task<SandboxEnvironment> StartAsync(IReadOnlyDictionary<string, string?> settings, Func<Task<SandboxEnvironment>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception e) when (settings.Count > 0 && Invalid(e) is { } message)
        {
            throw new ScenarioFormatException("settings", $"invalid for the app's settings: {message}");
        }
    }

    private static string? Invalid(Exception e) => e switch
    {
        AggregateException aggregate when aggregate.InnerExceptions.Select(Invalid).ToList() is { Count: > 0 } messages && messages.All(m => m is not null) =>
            string.Join("; ", messages.Distinct(StringComparer.Ordinal)),
        OptionsValidationException validation => validation.Message,
        InvalidOperationException binding when binding.Message.Contains("configuration value", StringComparison.Ordinal) => binding.Message,
        _ => null,
    };

    // A section the scenario may set, and a property path that exists in its options type.
    private static bool IsKnown(string name)
    {
        var parts = name.Split("__");
        var type = parts.Length >= 2 && Sections.TryGetValue(parts[0], out var section) ? section : null;
        foreach (var part in parts.Skip(1))
            type = type?.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;

        return type is not null;
    }
}
