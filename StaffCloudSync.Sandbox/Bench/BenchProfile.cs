namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The shape of a generated tenant: how many employees and events, how many assignments each employee has, the shares
/// of statuses, and how much of it MobieTrain already holds; plus how the simulators behave (latency, rate limit).</summary>
public sealed record BenchProfile
{
    public int Employees { get; init; } = 1_000;

    public int Events { get; init; } = 100;

    /// <summary>Average assignments per employee (some have none, some several).</summary>
    public double AssignmentsPerEmployee { get; init; } = 3;

    /// <summary>Assignments every scheduled employee has at least.</summary>
    public int MinAssignmentsPerEmployee { get; init; }

    /// <summary>Only the first this-many employees are scheduled at all (null: everyone): a large database, few in scope.</summary>
    public int? ScheduledEmployees { get; init; }

    /// <summary>Share of employees with status 4 (the rest: applicants, candidates, inactive, deleted).</summary>
    public double ActiveShare { get; init; } = 0.8;

    /// <summary>Share of assignments that are confirmed (status 7).</summary>
    public double ConfirmedShare { get; init; } = 0.6;

    /// <summary>Share of events that are still to come at the sync's time.</summary>
    public double FutureEventShare { get; init; } = 0.5;

    /// <summary>Share of eligible employees already in MobieTrain (as users, up to date).</summary>
    public double ExistingUserShare { get; init; }

    /// <summary>Events spread over this many StaffCloud projects, by event id (0: events without a project).</summary>
    public int Projects { get; init; }

    public int LatencyMs { get; init; }

    public int MobieTrainRateLimitPerSecond { get; init; }

    public int Seed { get; init; } = 2026;
}
