using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Tenants;
using static StaffCloudSync.Sandbox.Scenarios.ScenarioReader;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>The scenario's tenant row and the <c>tenant</c> steps (scenario-format.md).</summary>
internal static class ScenarioTenantReader
{
    private static readonly PropertyInfo[] Settable =
        [.. typeof(TenantSettings).GetProperties().Where(p => p.CanWrite && p.Name != nameof(TenantSettings.TenantId))];

    private static readonly List<string> TenantSettingNames = [.. Settable.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    // The scenario's own tenant is validated (it must be runnable); tenant.rows are not, as az storage entity insert checks nothing.
    public static TenantSettings ReadTenant(JsonObject tenant, string path, bool validate)
    {
        var id = String(tenant["id"], $"{path}.id");
        foreach (var (key, _) in tenant)
        {
            if (key == "id" || TenantSettingNames.Contains(key))
                continue;

            var like = TenantSettingNames.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            throw new ScenarioFormatException($"{path}.{key}", like is null
                ? $"unknown setting (known: id, {string.Join(", ", TenantSettingNames)})"
                : $"unknown setting; did you mean '{like}'?");
        }

        // The scenario's own tenant had its webhook registered (scenario-format.md); further rows are as written.
        var settings = new TenantSettings { TenantId = id, StaffCloudApiTenant = id, MobieTrainAccountId = id, Notifications = validate };

        // The webhook settings are the scenario tenant's alone (NotifyStepReader.WithWebhookSettings).
        foreach (var property in Settable.Where(p => !p.Name.StartsWith("Webhook", StringComparison.Ordinal)))
        {
            var key = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (tenant[key] is { } node)
                property.SetValue(settings, Value(property.PropertyType, node, $"{path}.{key}"));
        }

        if (validate && TenantSettingsValidator.Validate(settings).FirstOrDefault() is { } error)
        {
            var field = error.Field == nameof(TenantSettings.TenantId) ? "id" : JsonNamingPolicy.CamelCase.ConvertName(error.Field);
            throw new ScenarioFormatException($"{path}.{field}", error.Message);
        }

        return settings;
    }

    private static object Value(Type type, JsonNode node, string path) => type switch
    {
        _ when type == typeof(int) => Int(node, path),
        _ when type == typeof(bool) => Bool(node, path),
        _ when type == typeof(GroupMode) => GroupModeText.TryParse(String(node, path), out var mode)
            ? mode
            : throw new ScenarioFormatException(path, $"'{String(node, path)}' is not event or project"),
        _ => String(node, path),
    };

    public static TenantStep ReadTenantStep(JsonObject step, string path)
    {
        var allow = step["allowDeletions"] is { } node && Bool(node, $"{path}.allowDeletions");
        var rows = Each(step["rows"], $"{path}.rows", (row, at) => ReadTenant(row, at, validate: false));
        if (step.FirstOrDefault(p => p.Key is not ("allowDeletions" or "rows" or "claim")) is { Key: { } unknown })
            throw new ScenarioFormatException($"{path}.{unknown}", "unknown; a tenant step has allowDeletions, rows and claim");

        return new TenantStep(allow, rows) { Claim = step["claim"] is { } claim && Bool(claim, $"{path}.claim") };
    }
}
