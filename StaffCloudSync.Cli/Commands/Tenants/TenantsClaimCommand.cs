using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

internal sealed class ClaimSettings : OperatorSettings
{
    [CommandArgument(0, "[tenant]"), Description("The tenant id (the Tenants table's row key); leave it out with --all")]
    public string? TenantId { get; init; }

    [CommandOption("--all")]
    [Description("Every tenant row: claims each account that has no marker yet (the migration of existing tenants); needs --yes")]
    public bool All { get; init; }

    [CommandOption("--yes"), Description("Claim without asking (scripts); without it the command shows what the account holds and asks")]
    public bool Yes { get; init; }

    public override ValidationResult Validate() =>
        (All, string.IsNullOrEmpty(TenantId)) switch
        {
            (true, false) => ValidationResult.Error("give either <tenant> or --all, not both"),
            (false, true) => ValidationResult.Error("<tenant>: a tenant id is required (or --all for every tenant row)"),
            (true, true) when !Yes => ValidationResult.Error("--all claims without asking: add --yes"),
            _ => ValidationResult.Success(),
        };
}

/// <summary><c>tenants claim &lt;tenant&gt;</c> (sync-rules.md, "An account belongs to one tenant, provably"): shows what the next
/// run would do to the account's people before asking, since from then on runs update and remove them.</summary>
internal sealed class TenantsClaimCommand(CliContext context) : CliCommand<ClaimSettings>(context)
{
    protected override async Task<int> RunAsync(ClaimSettings settings, CancellationToken cancellationToken)
    {
        await using var host = OperatorHost.Start(Context, settings, OperatorNeeds.Everything);
        var claims = host.Get<AccountClaims>();
        if (settings.All)
            return await ClaimAllAsync(host.Get<TenantStore>(), claims, settings, cancellationToken);

        var tenantId = settings.TenantId!;
        await TenantErrors.RequireValidAsync(host.Get<TenantStore>(), tenantId, cancellationToken);
        var view = await claims.ShowAsync(tenantId, cancellationToken);
        if (!settings.Json)
            Show(view);

        var outcome = view.Marker.State is AccountMarkerState.OtherTenant or AccountMarkerState.Ours || settings.Yes || Confirm(view)
            ? await ClaimAsync(claims, view, cancellationToken)
            : (AccountClaimOutcome?)null;
        var report = new ClaimReport(view, outcome);
        Context.Report(report, console => console.Line(report.Result));
        return report.Claimed ? ExitCodes.Success : ExitCodes.Failed;
    }

    private void Show(AccountClaimView view)
    {
        Context.Output.Line($"Tenant '{view.TenantId}', MobieTrain account {view.AccountId}: marker {view.Marker.StateText}.");
        Context.Output.Line($"The account holds {view.Marker.SyncedPersons} synced person(s) and {view.Marker.SyncOwnedGroups} sync-owned group(s).");
        Context.Output.Line($"StaffCloud knows {view.Known} of them (the next run updates them); it answers 404 for {view.Gone} "
            + $"(the next run removes them, under the deletion guard); {view.Unproven} are neither (held, not removed).");
    }

    private bool Confirm(AccountClaimView view)
    {
        if (!Context.Output.Profile.Capabilities.Interactive)
            throw new CliException(ExitCodes.InvalidInput, "tenants claim asks before it writes, and this is no terminal: add --yes to claim without asking");

        return Context.Output.Confirm($"Claim MobieTrain account {view.AccountId} for tenant '{view.TenantId}'?", defaultValue: false);
    }

    /// <summary>Each row on its own: one that cannot be read or is another tenant's is reported, and the others go on.</summary>
    private async Task<int> ClaimAllAsync(TenantStore store, AccountClaims claims, ClaimSettings settings, CancellationToken cancellationToken)
    {
        var reports = new List<ClaimReport>();
        await foreach (var row in store.ListAsync(cancellationToken))
        {
            var report = await ClaimRowAsync(claims, row, cancellationToken);
            reports.Add(report);
            if (!settings.Json)
                Context.Output.Line($"{report.TenantId}: {report.Result}");
        }

        if (settings.Json)
            JsonOutput.Write(Context.Stdout, reports);

        return reports.All(r => r.Claimed) ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<ClaimReport> ClaimRowAsync(AccountClaims claims, TenantRecord row, CancellationToken cancellationToken)
    {
        if (!row.IsValid)
            return new ClaimReport(row.TenantId, "skipped: the row is invalid (fix it with tenants update, then claim it)");

        try
        {
            var view = await claims.ShowAsync(row.TenantId, cancellationToken);
            return new ClaimReport(view, await ClaimAsync(claims, view, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One unreadable account (a missing secret, an outage) must not stop the migration of the others.
            return new ClaimReport(row.TenantId, $"not claimed: {(e is SyncRunException run ? $"{run.Kind}: " : string.Empty)}{e.Message}");
        }
    }

    private static async Task<AccountClaimOutcome> ClaimAsync(AccountClaims claims, AccountClaimView view, CancellationToken cancellationToken) =>
        view.Marker.State switch
        {
            AccountMarkerState.OtherTenant => AccountClaimOutcome.RefusedOtherTenant,
            AccountMarkerState.Ours => AccountClaimOutcome.AlreadyOurs,
            _ => await claims.ClaimAsync(view, cancellationToken),
        };
}

internal sealed record ClaimReport(
    string TenantId, string? AccountId, string? Marker, int SyncedPersons, int Known, int Gone, int Unproven, AccountClaimOutcome? Outcome, string Result)
{
    public ClaimReport(AccountClaimView view, AccountClaimOutcome? outcome) : this(
        view.TenantId, view.AccountId, view.Marker.StateText, view.Marker.SyncedPersons, view.Known, view.Gone, view.Unproven, outcome, Text(view, outcome)) { }

    public ClaimReport(string tenantId, string result) : this(tenantId, null, null, 0, 0, 0, 0, null, result) { }

    [JsonIgnore]
    public bool Claimed => Outcome is AccountClaimOutcome.Claimed or AccountClaimOutcome.AlreadyOurs;

    private static string Text(AccountClaimView view, AccountClaimOutcome? outcome) => outcome switch
    {
        AccountClaimOutcome.Claimed => $"claimed: MobieTrain account {view.AccountId} now carries the marker of '{view.TenantId}'; its runs write it from now on",
        AccountClaimOutcome.AlreadyOurs => $"already claimed: MobieTrain account {view.AccountId} carries the marker of '{view.TenantId}'; nothing written",
        AccountClaimOutcome.RefusedOtherTenant => $"refused: MobieTrain account {view.AccountId} carries the marker of tenant '{string.Join("', '", view.Marker.OtherTenants)}'"
            + $"; nothing written (check the MobieTrainAccountId of '{view.TenantId}')",
        _ => "not claimed: nothing written",
    };
}
