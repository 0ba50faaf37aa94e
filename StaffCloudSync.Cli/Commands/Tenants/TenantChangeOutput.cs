using StaffCloudSync.Cli.Infrastructure;
using StaffCloudSync.Cli.Rendering;

namespace StaffCloudSync.Cli.Commands.Tenants;

/// <summary>What add/update/enable/disable print: the change, and the secrets the tenant's runs will read.</summary>
internal static class TenantChangeOutput
{
    public static TenantChangeResult Result(string action, TenantSettings? before, TenantSettings after, IConfiguration configuration)
    {
        var changes = before is null
            ? []
            : TenantSettingRows.Rows
                .Select(r => new SettingChange(r.Name, r.Value(before), r.Value(after)))
                .Where(c => !Equals(c.From, c.To))
                .ToList();
        var secrets = TenantSecrets.For(after).Select(s => new SecretInstruction(s.Name, s.Holds, TenantSecrets.HowToCreate(configuration, s))).ToList();
        return new TenantChangeResult(after.TenantId, action, changes, TenantSettingRows.Views(after), secrets);
    }

    public static void Write(CliContext context, TenantChangeResult result, string headline, bool withSecrets) => context.Report(result, console =>
    {
        console.Line(headline);
        foreach (var change in result.Changes)
            console.Line($"  {change.Name}: {TenantSettingRows.Text(change.From)} → {TenantSettingRows.Text(change.To)}");

        if (!withSecrets)
            return;

        console.Heading("Secrets its runs read (create any that do not exist yet; values are never shown here)");
        foreach (var secret in result.Secrets)
        {
            console.Line($"  {secret.Name} — {secret.Holds}");
            console.Line($"    {secret.Create}");
        }

        console.Line($"Check them with: staffcloud-sync tenants show {result.TenantId}");
        console.Line($"Preview its next run with: staffcloud-sync sync {result.TenantId} --dry-run");
    });
}
