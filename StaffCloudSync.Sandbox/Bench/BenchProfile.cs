namespace StaffCloudSync.Sandbox.Bench;

/// <summary>The shape of a generated tenant, and how the simulators behave for it.</summary>
public sealed record BenchProfile
{
    public int Employees { get; init; } = 1_000;
    public int Events { get; init; } = 100;

    public double AssignmentsPerEmployee { get; init; } = 3; // an average: some have none, some several
    public int MinAssignmentsPerEmployee { get; init; }

    /// <summary>Only the first this-many employees are scheduled at all (null: everyone): a large database, few in scope.</summary>
    public int? ScheduledEmployees { get; init; }
    public double ActiveShare { get; init; } = 0.8; // status 4; the rest applicants, candidates, inactive, deleted
    public double ConfirmedShare { get; init; } = 0.6; // assignments with status 7
    public double FutureEventShare { get; init; } = 0.5;
    public double ExistingUserShare { get; init; } // eligible employees already MobieTrain users, up to date
    public int Projects { get; init; } // events spread over this many projects by event id (0: none)
    public int LatencyMs { get; init; }
    public int MobieTrainRateLimitPerSecond { get; init; }
    public int Seed { get; init; } = 2026;
}
