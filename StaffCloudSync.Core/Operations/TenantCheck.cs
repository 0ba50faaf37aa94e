using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Tenants;
using Names = StaffCloudSync.Core.Operations.TenantCheckNames;

namespace StaffCloudSync.Core.Operations;

/// <summary>The check before a tenant's first run (issue 21; <c>tenants check</c>, <c>GET /api/tenants/{id}/check</c>). It only reads
/// and records no run; a failed read fails its check and skips those that need it. Only an unknown tenant throws.</summary>
public sealed partial class TenantCheck(
    TenantStore tenants, ISecretStore secrets, IStaffCloudClient staffCloud, IMobieTrainClient mobieTrain, SnapshotReader reader,
    TimeProvider time, ILogger<TenantCheck> logger)
{
    public async Task<TenantCheckReport> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await tenants.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        var record = rows.Find(r => string.Equals(r.TenantId, tenantId, StringComparison.Ordinal))
            ?? throw new SyncRunException(tenantId, SyncFailureKind.UnknownTenant, $"tenant '{tenantId}' does not exist");

        var lines = new Dictionary<string, TenantCheckLine>(StringComparer.Ordinal);
        var row = lines[Names.Row] = RowCheck(record, rows);
        if (record.Settings is { } settings)
            await CheckSettingsAsync(lines, settings, row.Result != CheckResult.Fail, now, cancellationToken);

        var checks = Names.InOrder
            .Select(name => lines.GetValueOrDefault(name) ?? TenantCheckLine.Skip(name, "the row cannot be read into settings: fix it first (check 'row')"))
            .ToList();
        foreach (var failed in checks.Where(c => c.Result == CheckResult.Fail))
            CheckFailed(logger, tenantId, failed.Name, failed.Detail);

        Checked(logger, tenantId, Count(checks, CheckResult.Pass), Count(checks, CheckResult.Warn), Count(checks, CheckResult.Fail),
            Count(checks, CheckResult.Skip));
        return new TenantCheckReport(tenantId, now, checks);
    }

    private async Task CheckSettingsAsync(
        Dictionary<string, TenantCheckLine> lines, TenantSettings settings, bool rowValid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (secretsLine, hasToken, hasKey) = await SecretsAsync(settings, cancellationToken);
        lines[Names.Secrets] = secretsLine;
        if (!rowValid)
            return;

        var staffCloudTarget = TenantTargets.StaffCloud(settings);
        lines[Names.StaffCloudToken] = hasToken
            ? await ReadAsync(settings, Names.StaffCloudToken, async ct =>
            {
                // One cheap read: one employee id, every status, a handful of fields.
                await staffCloud.GetEmployeesAsync(staffCloudTarget, [1], ct).CountAsync(ct);
                return TenantCheckLine.Pass(Names.StaffCloudToken,
                    $"StaffCloud tenant '{settings.StaffCloudApiTenant}' accepted the token in secret {settings.EffectiveStaffCloudTokenSecret}");
            }, cancellationToken)
            : TenantCheckLine.Skip(Names.StaffCloudToken, $"no token to try: secret {settings.EffectiveStaffCloudTokenSecret} cannot be read (check 'secrets')");
        var staffCloudOk = lines[Names.StaffCloudToken].Result == CheckResult.Pass;

        lines[Names.Confirmations] = staffCloudOk
            ? await ReadAsync(settings, Names.Confirmations,
                ct => TenantCheckRules.ConfirmationsAsync(staffCloud, staffCloudTarget, TenantTimeZone.Resolve(settings.TimeZone), now, ct),
                cancellationToken)
            : TenantCheckLine.Skip(Names.Confirmations, "needs StaffCloud to accept the token (check 'staffcloud-token')");

        IReadOnlyList<MobieTrainUserGroup> groups = [];
        lines[Names.MobieTrainKey] = hasKey
            ? await ReadAsync(settings, Names.MobieTrainKey, async ct =>
            {
                groups = await mobieTrain.GetUserGroupsAsync(TenantTargets.MobieTrain(settings), ct).ToListAsync(ct);
                return TenantCheckLine.Pass(Names.MobieTrainKey,
                    $"MobieTrain account '{settings.MobieTrainAccountId}' accepted the key in secret {settings.MobieTrainApiKeySecret} ({groups.Count} groups)");
            }, cancellationToken)
            : TenantCheckLine.Skip(Names.MobieTrainKey, $"no key to try: secret {settings.MobieTrainApiKeySecret} cannot be read (check 'secrets')");
        var mobieTrainOk = lines[Names.MobieTrainKey].Result == CheckResult.Pass;

        lines[Names.BaseGroups] = mobieTrainOk
            ? TenantCheckRules.BaseGroups(settings, groups)
            : TenantCheckLine.Skip(Names.BaseGroups, "needs MobieTrain's groups (check 'mobietrain-key')");

        await DryPlanChecksAsync(lines, settings, staffCloudOk && mobieTrainOk, cancellationToken);
    }

    /// <summary>Checks 5, 6, 9 and 10, from the dry plan.</summary>
    private async Task DryPlanChecksAsync(
        Dictionary<string, TenantCheckLine> lines, TenantSettings settings, bool bothAnswer, CancellationToken cancellationToken)
    {
        string[] planned = [Names.Languages, Names.Phones, Names.Groups, Names.ExternalIds];
        if (!bothAnswer)
        {
            foreach (var name in planned)
                lines[name] = TenantCheckLine.Skip(name, "needs the dry plan, which needs both StaffCloud and MobieTrain to answer (checks 'staffcloud-token', 'mobietrain-key')");

            return;
        }

        TenantPreview preview;
        try
        {
            preview = await RunContext.PreviewAsync(tenants, reader, settings.TenantId, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (IsCheckable(e, cancellationToken))
        {
            lines[Names.Languages] = TenantCheckLine.Fail(Names.Languages, $"the dry plan's reads failed: {Describe(settings.TenantId, e)}");
            foreach (var name in planned.Skip(1))
                lines[name] = TenantCheckLine.Skip(name, "needs the dry plan, which failed (check 'languages')");

            return;
        }

        var employees = preview.Snapshot.StaffCloud.Employees.DistinctBy(e => e.Id).ToList();
        lines[Names.Languages] = TenantCheckRules.Languages(employees, settings);
        lines[Names.Phones] = TenantCheckRules.Phones(employees, settings);
        lines[Names.Groups] = TenantCheckRules.PlannedGroups(settings, preview.Plan);
        lines[Names.ExternalIds] = TenantCheckRules.ExternalIds(preview.Snapshot.MobieTrain.Users, preview.Snapshot.MobieTrain.Invitations);
    }

    private static TenantCheckLine RowCheck(TenantRecord record, IReadOnlyList<TenantRecord> rows)
    {
        if (record.Settings is null)
        {
            var why = record.Errors.Count == 0 ? "it cannot be read" : string.Join("; ", record.Errors.Select(e => $"{e.Field}: {e.Message}"));
            return TenantCheckLine.Fail(Names.Row, $"the row cannot be read into settings: {why}");
        }

        var errors = record.Errors.Concat(TenantClaims.Conflicts(record.Settings, rows)).ToList();
        return errors.Count == 0
            ? TenantCheckLine.Pass(Names.Row, $"valid ({(record.Settings.Enabled ? "enabled" : "disabled: scheduled runs skip it until tenants enable")})")
            : TenantCheckLine.Fail(Names.Row,
                $"{errors.Count} invalid setting(s): {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))} — fix with staffcloud-sync tenants update {record.TenantId}");
    }

    private const string Present = "present";

    // Check 2: the three secrets by name, read and dropped (a value is never kept, printed or logged).
    private async Task<(TenantCheckLine Line, bool HasToken, bool HasKey)> SecretsAsync(TenantSettings settings, CancellationToken cancellationToken)
    {
        var token = await SecretStateAsync(settings.EffectiveStaffCloudTokenSecret, cancellationToken);
        var key = await SecretStateAsync(settings.MobieTrainApiKeySecret, cancellationToken);
        var webhook = await SecretStateAsync(settings.EffectiveWebhookSecret, cancellationToken);
        var states = $"{settings.EffectiveStaffCloudTokenSecret} {token}, {settings.MobieTrainApiKeySecret} {key}, {settings.EffectiveWebhookSecret} {webhook}";
        var hasToken = token == Present;
        var hasKey = key == Present;
        var line = !hasToken || !hasKey
            ? TenantCheckLine.Fail(Names.Secrets, $"{states}: create the StaffCloud token and the MobieTrain key under these names (tenants add prints the commands)")
            : webhook != Present
                ? TenantCheckLine.Warn(Names.Secrets,
                    $"{states}: only StaffCloud's notifications (early runs) need the webhook secret; staffcloud-sync tenants notifications {settings.TenantId} prints how to create it")
                : TenantCheckLine.Pass(Names.Secrets, states);
        return (line, hasToken, hasKey);
    }

    private async Task<string> SecretStateAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            _ = await secrets.GetSecretAsync(name, cancellationToken);
            return Present;
        }
        catch (Exception e) when (IsCheckable(e, cancellationToken))
        {
            return e switch { SecretNotFoundException => "missing", SecretAccessDeniedException => "access denied",
                _ => $"unreadable ({e.GetType().Name})" };
        }
    }

    private static async Task<TenantCheckLine> ReadAsync(
        TenantSettings settings, string name, Func<CancellationToken, Task<TenantCheckLine>> check, CancellationToken cancellationToken)
    {
        try
        {
            return await check(cancellationToken);
        }
        catch (Exception e) when (IsCheckable(e, cancellationToken))
        {
            return TenantCheckLine.Fail(name, Describe(settings.TenantId, e));
        }
    }

    private static int Count(IEnumerable<TenantCheckLine> checks, CheckResult result) => checks.Count(c => c.Result == result);

    // A failed read in words: the kind and the client's message, which names the tenant and the status and never a secret's value.
    private static string Describe(string tenantId, Exception exception) => exception switch
    {
        SyncRunException run => $"{run.Kind}: {run.Message}",
        SecretNotFoundException secret => $"{SyncFailureKind.MissingSecret}: tenant '{tenantId}': {secret.Message}",
        SecretAccessDeniedException denied => $"{SyncFailureKind.Authentication}: tenant '{tenantId}': {denied.Message}",
        _ => $"tenant '{tenantId}': {exception.GetType().Name}: {exception.Message.Split('\n')[0].Trim()}",
    };

    // A check may turn any exception into a line but the caller's own cancellation.
    private static bool IsCheckable(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    // Event ids 2400–2449 (docs/architecture.md).
    [LoggerMessage(2400, LogLevel.Information, "Tenant {TenantId} checked: {Passed} pass, {Warned} warn, {Failed} fail, {Skipped} skip")]
    private static partial void Checked(ILogger logger, string tenantId, int passed, int warned, int failed, int skipped);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Tenant {TenantId}: check {Check} failed: {Detail}")]
    private static partial void CheckFailed(ILogger logger, string tenantId, string check, string detail);
}
