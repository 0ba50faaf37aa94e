using StaffCloudSync.Cli.Commands.Tenants;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Operations;

internal static class TenantChecks
{
    /// <summary>
    /// The tenant's row, which must exist (else exit 3) and be valid (else exit 2 naming each field), checked before a
    /// run or preview so the operator hears what to fix instead of a run record saying it.
    /// </summary>
    public static async Task<TenantRecord> RequireValidAsync(TenantStore store, string tenantId, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(tenantId, cancellationToken) ?? throw CliException.TenantNotFound(tenantId);
        if (record.Settings is null)
        {
            throw TenantErrors.Unreadable(record);
        }

        return record.IsValid ? record : throw TenantErrors.Invalid(tenantId, "cannot be run (fix with: staffcloud-sync tenants update)", record.Errors);
    }
}
