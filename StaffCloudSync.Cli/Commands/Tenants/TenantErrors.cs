using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Cli.Commands.Tenants;

internal static class TenantErrors
{
    /// <summary>Exit 2 with one line per bad field, each naming the option that sets it.</summary>
    public static CliException Invalid(string tenantId, string outcome, IReadOnlyList<TenantSettingError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = errors.Select(e => $"tenant '{tenantId}': {TenantSettingRows.Option(e.Field)}: {e.Message}").ToList();
        return new CliException(ExitCodes.InvalidInput, $"tenant '{tenantId}' {outcome}: {errors.Count} invalid setting(s)", lines);
    }

    /// <summary>A row whose values cannot be read into settings at all: only an edit of the row itself can fix it.</summary>
    public static CliException Unreadable(TenantRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var lines = record.Errors.Select(e => $"tenant '{record.TenantId}': {e.Field}: {e.Message}").ToList();
        return new CliException(ExitCodes.InvalidInput,
            $"tenant '{record.TenantId}' has a row that cannot be read as settings; fix the column(s) below in the Tenants table (Storage Explorer or az storage entity merge)",
            lines);
    }
}
