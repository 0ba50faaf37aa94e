using static StaffCloudSync.Sandbox.Scenarios.ScenarioReader;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>What early runs add to a scenario file (scenario-format.md). A step before an earlier step's time is an invalid file:
/// the runs due meanwhile could not have happened in order.</summary>
internal static class NotifyStepReader
{
    private const int MaxEventLength = 100;
    private const string NotifyExample = "2026-03-01T02:30:00Z";
    private static readonly string[] OtherKinds = ["sync", "staffcloud", "mobietrain", "tenant"];

    // False for a step that is neither an advance nor a StaffCloud step with a notification.
    public static bool TryAdd(List<ScenarioStep> steps, JsonObject step, string path, Func<JsonObject, string, StaffCloudChangeStep> readChange)
    {
        var otherKinds = OtherKinds.Count(step.ContainsKey);
        if (step.ContainsKey("advance"))
        {
            if (otherKinds > 0)
                throw new ScenarioFormatException(path, "must have exactly one of sync, staffcloud, mobietrain, tenant, advance");

            var advance = Object(step["advance"], $"{path}.advance");
            steps.Add(new AdvanceStep(NotBefore(steps, Time(advance["to"], $"{path}.advance.to", NotifyExample), $"{path}.advance.to")));
            return true;
        }

        if (otherKinds > 1 || step["staffcloud"] is not JsonObject staffCloud || !(staffCloud.ContainsKey("notify") || staffCloud.ContainsKey("at")))
            return false;

        var at = $"{path}.staffcloud.at";
        if (!staffCloud.ContainsKey("notify"))
            throw new ScenarioFormatException(at, "goes with notify (the time of StaffCloud's notification)");

        var name = String(staffCloud["notify"], $"{path}.staffcloud.notify").Trim();
        if (name.Length > MaxEventLength)
            throw new ScenarioFormatException($"{path}.staffcloud.notify", $"is longer than {MaxEventLength} characters: an event name such as assignment.status_changed");

        var change = staffCloud.ContainsKey("upsert") || staffCloud.ContainsKey("delete") ? readChange(staffCloud, $"{path}.staffcloud") : null;
        var time = staffCloud["at"] is { } node ? NotBefore(steps, Time(node, at, NotifyExample), at) : (DateTimeOffset?)null;
        var secret = staffCloud["secret"] is { } given ? String(given, $"{path}.staffcloud.secret") : null;
        steps.Add(new NotifyStep(change, name, time, secret));
        return true;
    }

    public static TenantSettings WithWebhookSettings(TenantSettings settings, JsonObject tenant)
    {
        var read = settings with
        {
            WebhookSecret = tenant["webhookSecret"] is { } secret ? String(secret, "tenant.webhookSecret") : settings.WebhookSecret,
            WebhookDebounce = tenant["webhookDebounce"] is { } debounce ? Duration(debounce, "tenant.webhookDebounce") : settings.WebhookDebounce,
            WebhookMinInterval = tenant["webhookMinInterval"] is { } interval ? Duration(interval, "tenant.webhookMinInterval") : settings.WebhookMinInterval,
        };
        if (TenantSettingsValidator.Validate(read).FirstOrDefault(e => e.Field.StartsWith("Webhook", StringComparison.Ordinal)) is { } error)
            throw new ScenarioFormatException($"tenant.{char.ToLowerInvariant(error.Field[0])}{error.Field[1..]}", error.Message);

        return read;
    }

    private static TimeSpan Duration(JsonNode node, string path)
    {
        object? value = node is JsonValue v && v.TryGetValue<string>(out var text) ? text : node is JsonValue n && n.TryGetValue<double>(out var number) ? number : null;
        return DurationText.TryParse(value, out var duration)
            ? duration
            : throw new ScenarioFormatException(path, $"must be a duration such as {DurationText.Example}");
    }

    private static DateTimeOffset NotBefore(List<ScenarioStep> steps, DateTimeOffset time, string path)
    {
        var latest = steps.Select(s => s switch
        {
            SyncStep sync => sync.At,
            NotifyStep { At: { } at } => at,
            AdvanceStep advance => advance.To,
            _ => (DateTimeOffset?)null,
        }).Max();
        return latest is { } before && time < before
            ? throw new ScenarioFormatException(path, $"{ScenarioOutput.Timestamp(time)} is before an earlier step's time ({ScenarioOutput.Timestamp(before)}): the scenario's clock only moves forward")
            : time;
    }
}

/// <summary>The scenario's tenant row and the <c>tenant</c> steps (scenario-format.md).</summary>
internal static class ScenarioTenantReader
{
    private static readonly List<string> TenantSettingNames =
        [.. TenantSettings.RowProperties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

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
        foreach (var property in TenantSettings.RowProperties.Where(p => !p.Name.StartsWith("Webhook", StringComparison.Ordinal)))
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
