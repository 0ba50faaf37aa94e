using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Core.Engine.Explain;

/// <summary>"Why was this person (not) invited?". Contact details are valid/invalid/absent, never values: it may be pasted into a ticket.</summary>
public sealed record EmployeeExplanation(
    string TenantId, long EmployeeId, DateTimeOffset At, string Summary, StaffCloudFacts? StaffCloud,
    IReadOnlyList<MobieTrainRecordFacts> MobieTrain, IReadOnlyList<RuleDecision> Decisions, IReadOnlyList<PlannedActionView> Actions)
{
    public string AccountId { get; init; } = string.Empty;
    public string Marker { get; init; } = string.Empty;
}

public sealed record StaffCloudFacts(
    int? Status, string StatusMeaning, bool HasFirstName, bool HasLastName, string Email, string Phone, string? Language,
    IReadOnlyList<EventFacts> ConfirmedEvents);

/// <summary>A confirmed assignment's event: whether it is current, and its MobieTrain group (the project's when groups are by project).</summary>
public sealed record EventFacts(long EventId, string? Name, int? Status, DateTime? Start, DateTime? End, bool CurrentOrFuture, string? GroupName, string? GroupId)
{
    public long? ProjectId { get; init; }
}

public sealed record MobieTrainRecordFacts(string Kind, string Id, DateTimeOffset? Since, IReadOnlyList<string> GroupIds);
public sealed record RuleDecision(string Rule, string Decision);

public sealed record PlannedActionView(string Kind, string Rule, long? EmployeeId, string? MobieTrainId, string Why)
{
    public static PlannedActionView Of(SyncAction a) => new(a.Kind, EmployeeExplainer.RuleName(a.Rule), a.PersonId, a.MobieTrainId, a.Why);
}
