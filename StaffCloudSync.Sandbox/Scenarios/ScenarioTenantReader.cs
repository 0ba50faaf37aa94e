using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Tenants;
using static StaffCloudSync.Sandbox.Scenarios.ScenarioReader;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>The scenario's tenant row and the <c>tenant</c> steps (scenario-format.md): any setting of sync-rules.md in camelCase,
/// defaults applied, <c>staffCloudApiTenant</c> and <c>mobieTrainAccountId</c> defaulting to the id.</summary>
internal static class ScenarioTenantReader
{
    private static readonly List<string> TenantSettingNames = [.. typeof(TenantSettings).GetProperties()
        .Where(p => p.CanWrite && p.Name != nameof(TenantSettings.TenantId)).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    /// <summary>A tenant row. The scenario's own tenant is <paramref name="validate"/>d (it must be runnable); rows of a
    /// <c>tenant.rows</c> step are not, as <c>az storage entity insert</c> checks nothing either.</summary>
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

        string? Text(string key) => tenant[key] is { } node ? String(node, $"{path}.{key}") : null;
        int? Number(string key) => tenant[key] is { } node ? Int(node, $"{path}.{key}") : null;
        bool? Flag(string key) => tenant[key] is { } node ? Bool(node, $"{path}.{key}") : null;

        var settings = new TenantSettings
        {
            TenantId = id,
            StaffCloudApiTenant = Text("staffCloudApiTenant") ?? id,
            MobieTrainAccountId = Text("mobieTrainAccountId") ?? id,
        };
        settings = settings with
        {
            StaffCloudTokenSecret = Text("staffCloudTokenSecret"),
            MobieTrainApiKeySecret = Text("mobieTrainApiKeySecret") ?? settings.MobieTrainApiKeySecret,
            Enabled = Flag("enabled") ?? settings.Enabled,
            // The scenario's own tenant had its webhook registered (scenario-format.md); further rows are as written.
            Notifications = Flag("notifications") ?? validate,
            TimeZone = Text("timeZone") ?? settings.TimeZone,
            DefaultLanguage = Text("defaultLanguage") ?? settings.DefaultLanguage,
            GroupNameTemplate = Text("groupNameTemplate") ?? settings.GroupNameTemplate,
            GroupBy = Text("groupBy") is { } groupBy ? GroupModeText.TryParse(groupBy, out var mode)
                ? mode
                : throw new ScenarioFormatException($"{path}.groupBy", $"'{groupBy}' is not event or project") : settings.GroupBy,
            BaseGroups = Text("baseGroups") ?? settings.BaseGroups,
            DefaultCallingCode = Text("defaultCallingCode") ?? settings.DefaultCallingCode,
            PreserveManualGroups = Flag("preserveManualGroups") ?? settings.PreserveManualGroups,
            InvitationMaxAgeMonths = Number("invitationMaxAgeMonths") ?? settings.InvitationMaxAgeMonths,
            DeletionThresholdPercent = Number("deletionThresholdPercent") ?? settings.DeletionThresholdPercent,
            DeletionThresholdMinimum = Number("deletionThresholdMinimum") ?? settings.DeletionThresholdMinimum,
            DeletionApprovalHours = Number("deletionApprovalHours") ?? settings.DeletionApprovalHours,
        };

        if (validate && TenantSettingsValidator.Validate(settings).FirstOrDefault() is { } error)
        {
            var field = error.Field == nameof(TenantSettings.TenantId) ? "id" : JsonNamingPolicy.CamelCase.ConvertName(error.Field);
            throw new ScenarioFormatException($"{path}.{field}", error.Message);
        }

        return settings;
    }

    /// <summary><c>{"tenant": {"allowDeletions": true}}</c>, <c>{"tenant": {"rows": [ … ]}}</c> and <c>{"tenant": {"claim": true}}</c>, alone or together.</summary>
    public static TenantStep ReadTenantStep(JsonObject step, string path)
    {
        var allow = step["allowDeletions"] is { } node && Bool(node, $"{path}.allowDeletions");
        var rows = Each(step["rows"], $"{path}.rows", (row, at) => ReadTenant(row, at, validate: false));
        if (step.FirstOrDefault(p => p.Key is not ("allowDeletions" or "rows" or "claim")) is { Key: { } unknown })
            throw new ScenarioFormatException($"{path}.{unknown}", "unknown; a tenant step has allowDeletions, rows and claim");

        return new TenantStep(allow, rows) { Claim = step["claim"] is { } claim && Bool(claim, $"{path}.claim") };
    }
}
