using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Core.Engine.Explain;

/// <summary>Every rule's decision for one employee, for "why was this person (not) invited?". Contact details are shown
/// as valid/invalid/absent, never as values: the answer is about the rules, and it may be pasted into a ticket.</summary>
public sealed record EmployeeExplanation(
    string TenantId,
    long EmployeeId,
    DateTimeOffset At,
    string Summary,
    StaffCloudFacts? StaffCloud,
    IReadOnlyList<MobieTrainRecordFacts> MobieTrain,
    IReadOnlyList<RuleDecision> Decisions,
    IReadOnlyList<PlannedActionView> Actions)
{
    public string AccountId { get; init; } = string.Empty;

    /// <summary>The account's marker state (<c>ours</c>, missing, another tenant's): unless the run may go on, it writes nothing.</summary>
    public string Marker { get; init; } = string.Empty;
}

/// <summary>What StaffCloud says of the employee (null when it does not return them).</summary>
public sealed record StaffCloudFacts(
    int? Status,
    string StatusMeaning,
    bool HasFirstName,
    bool HasLastName,
    string Email,
    string Phone,
    string? Language,
    IReadOnlyList<EventFacts> ConfirmedEvents);

/// <summary>A confirmed assignment's event: whether it is current, and its MobieTrain group (the project's when groups are by project).</summary>
public sealed record EventFacts(long EventId, string? Name, int? Status, DateTime? Start, DateTime? End, bool CurrentOrFuture, string? GroupName, string? GroupId)
{
    public long? ProjectId { get; init; }
}

public sealed record MobieTrainRecordFacts(string Kind, string Id, DateTimeOffset? Since, IReadOnlyList<string> GroupIds);

public sealed record RuleDecision(string Rule, string Decision);

/// <summary>A planned action, as an operator reads it.</summary>
public sealed record PlannedActionView(string Kind, string Rule, long? EmployeeId, string? MobieTrainId, string Why)
{
    public static PlannedActionView Of(SyncAction a) => new(a.Kind, EmployeeExplainer.RuleName(a.Rule), a.PersonId, a.MobieTrainId, a.Why);
}
