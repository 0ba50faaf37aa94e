namespace StaffCloudSync.Core.Partners.MobieTrain;

/// <summary>The externalIds of sync-owned groups, whatever the tenant's <c>GroupBy</c> is now (sync-rules.md, rule 6).</summary>
public static class GroupExternalIds
{
    public const string EventGroupPrefix = "staffcloud-event-";
    public const string ProjectGroupPrefix = "staffcloud-project-";
    public static string ForEventGroup(long eventId) => EventGroupPrefix + eventId.ToString(CultureInfo.InvariantCulture);
    public static string ForProjectGroup(long projectId) => ProjectGroupPrefix + projectId.ToString(CultureInfo.InvariantCulture);

    public static bool IsSyncOwned(string? externalId) =>
        HasDigitsAfter(externalId, EventGroupPrefix) || HasDigitsAfter(externalId, ProjectGroupPrefix);

    public static long? TryParseEventGroup(string? externalId) => IdAfter(externalId, EventGroupPrefix);
    public static long? TryParseProjectGroup(string? externalId) => IdAfter(externalId, ProjectGroupPrefix);

    private static long? IdAfter(string? externalId, string prefix) =>
        externalId is not null && externalId.StartsWith(prefix, StringComparison.Ordinal)
            ? ExternalId.TryParseDigits(externalId[prefix.Length..])
            : null;

    private static bool HasDigitsAfter(string? externalId, string prefix) =>
        externalId is not null && externalId.Length > prefix.Length && externalId.StartsWith(prefix, StringComparison.Ordinal)
        && externalId.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0;
}
