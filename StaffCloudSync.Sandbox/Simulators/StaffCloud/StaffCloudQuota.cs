namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>A tenant's rate limit: at most <see cref="Requests"/> per fixed <see cref="Window"/>, then 429 until it resets.</summary>
public sealed record StaffCloudQuota(int Requests, TimeSpan Window)
{
    /// <summary>What the headers report when no quota is set: a limit no scenario reaches, so a client never waits for it.</summary>
    internal static StaffCloudQuota Off { get; } = new(100_000, TimeSpan.FromMinutes(1));
}

/// <summary>What the rate-limit headers of one answer say.</summary>
internal readonly record struct StaffCloudQuotaState(bool Allowed, int Limit, int Remaining, long ResetSeconds);
