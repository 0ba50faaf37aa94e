using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Secrets;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Notifications;

/// <summary>
/// One StaffCloud notification (<c>POST /api/notifications/staffcloud/{tenantId}?secret=…</c>; sync-rules.md, "Early
/// runs"): the tenant's own secret checked in constant time, the body bounded and dropped, then one early run of the
/// tenant made due — or joined — through <see cref="EarlyRuns"/> and queued with a visibility delay to its due time. The run is a normal full run under the lease and every guard. The Functions endpoint and the sandbox call this.
/// </summary>
public sealed class NotificationReceiver(TenantStore tenants, ISecretStore secrets, EarlyRuns earlyRuns, ILogger<NotificationReceiver> logger)
{
    public async Task<NotificationResult> ReceiveAsync(string? tenantId, string? secret, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var step = "reading the tenant";
        try
        {
            var tenant = await AuthenticateAsync(tenantId, secret, value => step = value, cancellationToken).ConfigureAwait(false);
            if (tenant is null)
            {
                return NotificationResult.Unauthorized;
            }

            step = "reading the body";
            var reading = await NotificationBody.ReadAsync(body, cancellationToken).ConfigureAwait(false);
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
            return await ScheduleAsync(tenant.ValidSettings, reading, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: SDK messages carry request details, and the answer must not depend on them.
            NotificationLog.Unavailable(logger, LoggableTenant(tenantId), e.GetType().Name, step);
            return NotificationResult.Unavailable;
        }
    }

    /// <summary>The tenant when the secret is its own; null (one answer, 401) for every other case, each logged with its cause.</summary>
    private async Task<TenantRecord?> AuthenticateAsync(string? tenantId, string? secret, Action<string> step, CancellationToken cancellationToken)
    {
        var record = TenantSettingsValidator.IsTenantId(tenantId) ? await tenants.GetAsync(tenantId!, cancellationToken).ConfigureAwait(false) : null;
        if (record is null)
        {
            SecretComparison.Burn(secret);
            NotificationLog.Refused(logger, LoggableTenant(tenantId), "no such tenant");
            return null;
        }

        if (!record.IsValid)
        {
            // Its secret's name may be what is wrong; a run of it would fail anyway. An operator fixes the row.
            SecretComparison.Burn(secret);
            NotificationLog.Refused(logger, record.TenantId, $"its row is invalid ({string.Join(", ", record.Errors.Select(e => e.Field).Distinct())}); fix it with tenants update");
            return null;
        }

        step("reading the webhook secret");
        var secretName = record.ValidSettings.EffectiveWebhookSecret;
        string expected;
        try
        {
            expected = await secrets.GetSecretAsync(secretName, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretNotFoundException)
        {
            SecretComparison.Burn(secret);
            NotificationLog.SecretMissing(logger, record.TenantId, secretName);
            return null;
        }

        if (!SecretComparison.Matches(secret, expected))
        {
            NotificationLog.Refused(logger, record.TenantId, string.IsNullOrEmpty(secret) ? "the URL carries no secret" : "the URL carries a wrong secret");
            return null;
        }

        return record;
    }

    private static string? IgnoredBecause(TenantRecord tenant) =>
        !tenant.ValidSettings.Enabled ? "the tenant is disabled (Enabled = false); its notifications make no runs until it is enabled"
        : tenant.Health.IsQuarantined ? $"the tenant is quarantined since {tenant.Health.QuarantinedAt:yyyy-MM-dd HH:mm}Z; its notifications make no runs until the quarantine is lifted"
        : null;

    private async Task<NotificationResult> ScheduleAsync(TenantSettings settings, BodyReading reading, CancellationToken cancellationToken)
    {
        var run = await earlyRuns.ScheduleAsync(settings, cancellationToken).ConfigureAwait(false);
        if (run.Joined)
        {
            NotificationLog.Joined(logger, settings.TenantId, reading.Event, reading.Bytes, reading.Shape, run.RunId, run.DueAt);
            return new NotificationResult(NotificationOutcome.Joined, run.DueAt);
        }

        NotificationLog.Scheduled(logger, settings.TenantId, reading.Event, reading.Bytes, reading.Shape, run.RunId, run.DueAt);
        return new NotificationResult(NotificationOutcome.Scheduled, run.DueAt);
    }

    /// <summary>The route's tenant id as it may be logged: anything that is not a tenant id is the caller's text, and is not.</summary>
    private static string LoggableTenant(string? tenantId) => TenantSettingsValidator.IsTenantId(tenantId) ? tenantId! : "(not a tenant id)";
}
