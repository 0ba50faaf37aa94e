namespace StaffCloudSync.Core.Rules;

/// <summary>
/// What a <see cref="GroupNameTemplate"/> names: an event's group or a project's. The tenant's <c>GroupBy</c>
/// (Tenants/GroupMode) maps onto it; the rule lives here because Tenants uses Rules, never the other way round.
/// </summary>
public enum GroupNameSubject
{
    Event,
    Project,
}
