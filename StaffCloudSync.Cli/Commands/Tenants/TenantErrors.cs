namespace StaffCloudSync.Cli.Commands.Tenants;

internal static class TenantErrors
{
    /// <summary>Exit 2 with one line per bad field, each naming the option that sets it.</summary>
    public static CliException Invalid(string tenantId, string outcome, IReadOnlyList<TenantSettingError> errors) =>
        new(ExitCodes.InvalidInput, $"tenant '{tenantId}' {outcome}: {errors.Count} invalid setting(s)",
            errors.Select(e => $"tenant '{tenantId}': {TenantSettingRows.Option(e.Field)}: {e.Message}").ToList());

    /// <summary>A row whose values cannot be read into settings at all: only an edit of the row itself can fix it.</summary>
    public static CliException Unreadable(TenantRecord record) => new(ExitCodes.InvalidInput,
        $"tenant '{record.TenantId}' has a row that cannot be read as settings; fix the column(s) below in the Tenants table (Storage Explorer or az storage entity merge)",
        record.Errors.Select(e => $"tenant '{record.TenantId}': {e.Field}: {e.Message}").ToList());

    /// <summary>The row, which must exist (else exit 3) and be valid (else exit 2 naming each field), checked before a run or
    /// preview so the operator hears what to fix instead of a run record saying it.</summary>
    public static async Task<TenantRecord> RequireValidAsync(TenantStore store, string tenantId, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(tenantId, cancellationToken) ?? throw CliException.TenantNotFound(tenantId);
        if (record.Settings is null)
            throw Unreadable(record);

        return record.IsValid ? record : throw Invalid(tenantId, "cannot be run (fix with: staffcloud-sync tenants update)", record.Errors);
    }
}
