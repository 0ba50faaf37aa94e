namespace StaffCloudSync.Sandbox.Scenarios;

/// <summary>A change in StaffCloud (or none), then StaffCloud's notification <see cref="Event"/> for the tenant at <see cref="At"/>
/// (null: the scenario's time as it stands), handed to the service the notification endpoint calls, with the tenant's
/// right secret — or with <see cref="Secret"/> when the scenario gives one (a caller without the right secret).</summary>
public sealed record NotifyStep(StaffCloudChangeStep? Change, string Event, DateTimeOffset? At, string? Secret = null) : ScenarioStep;

/// <summary>The clock moves to <see cref="To"/>; every run that comes due meanwhile runs at its due time, in order.</summary>
public sealed record AdvanceStep(DateTimeOffset To) : ScenarioStep;
