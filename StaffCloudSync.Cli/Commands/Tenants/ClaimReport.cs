using StaffCloudSync.Core.Operations;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>What <c>tenants claim</c> reports for one tenant, as text and as <c>--json</c>.</summary>
internal sealed record ClaimReport(
    string TenantId, string? AccountId, string? Marker, int SyncedPersons, int Known, int Gone, int Unproven, AccountClaimOutcome? Outcome, string Result)
{
    public ClaimReport(AccountClaimView view, AccountClaimOutcome? outcome)
        : this(view.TenantId, view.AccountId, view.Marker.StateText, view.Marker.SyncedPersons, view.Known, view.Gone, view.Unproven, outcome, Text(view, outcome))
    {
    }

    public ClaimReport(string tenantId, string result)
        : this(tenantId, null, null, 0, 0, 0, 0, null, result)
    {
    }

    public static string Text(AccountClaimView view, AccountClaimOutcome? outcome) => outcome switch
    {
        AccountClaimOutcome.Claimed => $"claimed: MobieTrain account {view.AccountId} now carries the marker of '{view.TenantId}'; its runs write it from now on",
        AccountClaimOutcome.AlreadyOurs => $"already claimed: MobieTrain account {view.AccountId} carries the marker of '{view.TenantId}'; nothing written",
        AccountClaimOutcome.RefusedOtherTenant => $"refused: MobieTrain account {view.AccountId} carries the marker of tenant '{string.Join("', '", view.Marker.OtherTenants)}'"
            + $"; nothing written (check the MobieTrainAccountId of '{view.TenantId}')",
        _ => "not claimed: nothing written",
    };
}
