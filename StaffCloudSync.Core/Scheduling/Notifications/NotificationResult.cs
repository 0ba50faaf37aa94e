namespace StaffCloudSync.Core.Scheduling.Notifications;

public enum NotificationOutcome
{
    /// <summary>It made an early run due.</summary>
    Scheduled,

    /// <summary>A run was due already; the notification joined it.</summary>
    Joined,

    /// <summary>Authenticated, and left alone: the tenant is disabled or quarantined.</summary>
    Ignored,

    /// <summary>No or a wrong secret, an unknown tenant, a tenant whose secret or row cannot be used: one answer for all.</summary>
    Unauthorized,

    TooLarge,

    /// <summary>Storage, the queue or Key Vault failed: nothing was scheduled, a retry may succeed.</summary>
    Unavailable,
}

/// <summary>
/// The answer to a notification. An unauthorized caller learns nothing beyond the status: not whether the tenant exists,
/// nor why; an authenticated one (StaffCloud) gets the outcome and the due time, which help when reading its webhook log.
/// </summary>
public sealed record NotificationResult(NotificationOutcome Outcome, DateTimeOffset? DueAt = null, string? Reason = null)
{
    public static NotificationResult Unauthorized { get; } = new(NotificationOutcome.Unauthorized);

    public static NotificationResult TooLarge { get; } = new(NotificationOutcome.TooLarge);

    public static NotificationResult Unavailable { get; } = new(NotificationOutcome.Unavailable);

    public HttpStatusCode Status => Outcome switch
    {
        NotificationOutcome.Scheduled or NotificationOutcome.Joined or NotificationOutcome.Ignored => HttpStatusCode.Accepted,
        NotificationOutcome.Unauthorized => HttpStatusCode.Unauthorized,
        NotificationOutcome.TooLarge => HttpStatusCode.RequestEntityTooLarge,
        _ => HttpStatusCode.ServiceUnavailable,
    };

    public object Body() => Outcome switch
    {
        NotificationOutcome.Unauthorized => new { error = "unauthorized" },
        NotificationOutcome.TooLarge => new { error = $"the body is larger than {NotificationBody.MaxBytes} bytes" },
        NotificationOutcome.Unavailable => new { error = "the notification could not be accepted now; try again later" },
        _ => new { outcome = Outcome.ToString().ToLowerInvariant(), dueAt = DueAt, reason = Reason },
    };
}
