using StaffCloudSync.Core.Tenants;
using static StaffCloudSync.Sandbox.Scenarios.ScenarioReader;

namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>The parts of a scenario file that early runs add (scenario-format.md): <c>notify</c>, <c>advance</c> and the tenant's
/// webhook settings. A notification or an advance before an earlier step's time is an invalid file: the runs due
/// meanwhile could not have happened in order.</summary>
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
