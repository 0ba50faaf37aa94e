using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Platform.Telemetry;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>sync-rules.md, "Early runs". Only a row with <c>Notifications</c> = true has its secret read: no flood throttles Key Vault.</summary>
public sealed class NotificationReceiver(TenantStore tenants, ISecretStore secrets, EarlyRuns earlyRuns, TimeProvider time, ILogger<NotificationReceiver> logger)
{
    private readonly MissingWebhookSecrets _missingSecrets = new(time);

    public async Task<NotificationResult> ReceiveAsync(string? tenantId, string? secret, Stream body, CancellationToken cancellationToken)
    {
        var step = "reading the tenant";
        try
        {
            var tenant = await AuthenticateAsync(tenantId, secret, value => step = value, cancellationToken);
            if (tenant is null)
                return NotificationResult.Unauthorized;

            step = "reading the body";
            var reading = await NotificationBody.ReadAsync(body, cancellationToken);
            if (reading.IsTooLarge)
            {
                NotificationLog.TooLarge(logger, tenant.TenantId, NotificationBody.MaxBytes);
                return NotificationResult.TooLarge;
            }

            if (IgnoredBecause(tenant) is { } reason)
            {
                NotificationLog.Ignored(logger, tenant.TenantId, reading.Event, reading.Bytes, reason);
                return new NotificationResult(NotificationOutcome.Ignored, Reason: reason);
            }

            step = "scheduling the early run";
            var run = await earlyRuns.ScheduleAsync(tenant.ValidSettings, cancellationToken);
            if (run.Joined)
                NotificationLog.Joined(logger, tenant.TenantId, reading.Event, reading.Bytes, reading.Shape, run.RunId, run.DueAt);
            else
                NotificationLog.Scheduled(logger, tenant.TenantId, reading.Event, reading.Bytes, reading.Shape, run.RunId, run.DueAt);

            return new NotificationResult(run.Joined ? NotificationOutcome.Joined : NotificationOutcome.Scheduled, run.DueAt);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: SDK messages carry request details, and the answer must not depend on them.
            NotificationLog.Unavailable(logger, LoggableTenant(tenantId), e.GetType().Name, step);
            return NotificationResult.Unavailable;
        }
    }

    // Null (401) unless the secret is the tenant's own; a warning where an operator has something to fix, else information.
    private async Task<TenantRecord?> AuthenticateAsync(string? tenantId, string? secret, Action<string> step, CancellationToken cancellationToken)
    {
        var record = TenantSettingsValidator.IsTenantId(tenantId) ? await tenants.GetAsync(tenantId!, cancellationToken) : null;
        if (record?.Settings is not { Notifications: true })
        {
            NotificationLog.NotRegistered(logger, LoggableTenant(tenantId), record is null ? "no such tenant"
                : record.Settings is null ? "its row cannot be read"
                : "its notifications are not registered (Notifications is not true; 'tenants notifications <id> --register' sets it)");
            return Refused(record?.TenantId);
        }

        if (!record.IsValid)
        {
            // Its secret's name may be what is wrong; a run of it would fail anyway. An operator fixes the row.
            NotificationLog.Refused(logger, record.TenantId, $"its row is invalid ({string.Join(", ", record.Errors.Select(e => e.Field).Distinct())}); fix it with tenants update");
            return Refused(record.TenantId);
        }

        step("reading the webhook secret");
        var secretName = record.ValidSettings.EffectiveWebhookSecret;
        if (_missingSecrets.IsKnownMissing(secretName))
        {
            NotificationLog.SecretStillMissing(logger, record.TenantId, secretName, MissingWebhookSecrets.RememberFor);
            return Refused(record.TenantId);
        }

        string expected;
        try
        {
            expected = await secrets.GetSecretAsync(secretName, cancellationToken);
        }
        catch (SecretNotFoundException)
        {
            _missingSecrets.Remember(secretName);
            NotificationLog.SecretMissing(logger, record.TenantId, secretName);
            return Refused(record.TenantId);
        }

        if (!SecretComparison.Matches(secret, expected))
        {
            NotificationLog.Refused(logger, record.TenantId, string.IsNullOrEmpty(secret) ? "the URL carries no secret" : "the URL carries a wrong secret");
            return Refused(record.TenantId, compared: true);
        }

        return record;

        // A refusal before the comparison does its work all the same: it answers as slowly as a wrong secret.
        TenantRecord? Refused(string? refusedTenant, bool compared = false)
        {
            if (!compared)
                SecretComparison.Burn(secret);

            SyncTelemetry.RecordNotificationRefused(refusedTenant);
            return null;
        }
    }

    private static string? IgnoredBecause(TenantRecord tenant) =>
        !tenant.ValidSettings.Enabled ? "the tenant is disabled (Enabled = false); its notifications make no runs until it is enabled"
        : tenant.Health.IsQuarantined ? $"the tenant is quarantined since {tenant.Health.QuarantinedAt:yyyy-MM-dd HH:mm}Z; its notifications make no runs until the quarantine is lifted"
        : null;

    // Anything that is not a tenant id is the caller's text, and is not logged.
    private static string LoggableTenant(string? tenantId) => TenantSettingsValidator.IsTenantId(tenantId) ? tenantId! : "(not a tenant id)";
}

/// <summary>Constant time: both are hashed first, so neither where they differ nor their lengths show in the answer's time.</summary>
internal static class SecretComparison
{
    public static bool Matches(string? given, string expected)
    {
        Span<byte> givenHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> expectedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(given ?? string.Empty), givenHash);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), expectedHash);
        var equal = CryptographicOperations.FixedTimeEquals(givenHash, expectedHash);

        // An empty secret never matches, even an empty one stored by mistake: it would open the endpoint to anyone.
        return equal && !string.IsNullOrEmpty(given);
    }

    public static void Burn(string? given) => _ = Matches(given, "no-tenant-has-this-secret");
}

/// <summary>The secret store caches no failure: without this, every POST for a missing secret would read the vault again.</summary>
internal sealed class MissingWebhookSecrets(TimeProvider time)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _missingSince = new(StringComparer.OrdinalIgnoreCase);

    public bool IsKnownMissing(string secretName)
    {
        if (!_missingSince.TryGetValue(secretName, out var since))
            return false;

        if (time.GetUtcNow() - since < RememberFor)
            return true;

        _missingSince.TryRemove(KeyValuePair.Create(secretName, since));
        return false;
    }

    public void Remember(string secretName) => _missingSince[secretName] = time.GetUtcNow();
}

// Ignored: authenticated, and left alone (the tenant is disabled or quarantined). Unauthorized: no or a wrong secret, an unknown
// tenant, a tenant whose secret or row cannot be used: one answer for all. Unavailable: storage, the queue or Key Vault failed; retry.
public enum NotificationOutcome { Scheduled, Joined, Ignored, Unauthorized, TooLarge, Unavailable }

/// <summary>An unauthorized caller learns nothing beyond the status; StaffCloud gets the outcome and the due time for its webhook log.</summary>
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
