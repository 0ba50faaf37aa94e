using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Operations;

/// <summary>Checks 8 and 9: the base groups against MobieTrain's groups, and the groups the dry plan would create or rename.</summary>
public static class GroupChecks
{
    /// <summary>More groups than this in one run is worth a look at <c>GroupBy</c> and the template before it happens.</summary>
    public const int ManyGroups = 50;

    /// <summary>More names than this needing ` [&lt;id&gt;]` says the template tells the groups apart badly.</summary>
    public const int ManySuffixedNames = 10;

    /// <summary>MobieTrain's built-in group that reaches everyone (mobietrain-api.md).</summary>
    public const string DefaultGroupName = "Default Group";

    private static readonly Regex IdSuffix = new(@" \[\d+\]$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static TenantCheckLine BaseGroups(TenantSettings settings, IReadOnlyList<MobieTrainUserGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groups);
        var names = settings.BaseGroupNames;
        if (names.Count == 0)
        {
            var defaultGroup = groups.Any(g => string.Equals(g.Name, DefaultGroupName, StringComparison.OrdinalIgnoreCase));
            return defaultGroup && !settings.PreserveManualGroups
                ? TenantCheckLine.Warn(TenantCheckNames.BaseGroups,
                    $"no base groups are set, and the account has '{DefaultGroupName}': the sync removes groups that are not its own, so if the account's "
                    + $"general content is linked to it, set it with staffcloud-sync tenants update {settings.TenantId} --base-groups \"{DefaultGroupName}\"")
                : TenantCheckLine.Pass(TenantCheckNames.BaseGroups, "no base groups are set (BaseGroups)");
        }

        var existing = names.Where(n => groups.Any(g => string.Equals(g.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        var missing = names.Except(existing, StringComparer.Ordinal).ToList();
        var exist = existing.Count == 0 ? string.Empty : $"exist in MobieTrain: {Quoted(existing)}";
        if (missing.Count == 0)
        {
            return TenantCheckLine.Pass(TenantCheckNames.BaseGroups, exist);
        }

        var separator = exist.Length == 0 ? string.Empty : "; ";
        return TenantCheckLine.Warn(TenantCheckNames.BaseGroups,
            $"{exist}{separator}do not exist yet: {Quoted(missing)} — the first run that needs them creates them (name only); "
            + "if an existing group was meant, correct the spelling with --base-groups");
    }

    public static TenantCheckLine PlannedGroups(TenantSettings settings, SyncPlan plan)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        var created = new List<string>();
        var renamed = new List<string>();
        foreach (var action in plan.Actions)
        {
            switch (action)
            {
                case CreateGroupAction { Source.Kind: not GroupSourceKind.Base } create:
                    created.Add(create.Name);
                    break;
                case RenameGroupAction rename:
                    renamed.Add(rename.NewName);
                    break;
            }
        }

        var suffixed = created.Concat(renamed).Count(n => IdSuffix.IsMatch(n));
        var detail = $"the next run creates {created.Count} groups and renames {renamed.Count} (GroupBy {GroupModeText.Format(settings.GroupBy)}, "
            + $"template '{settings.EffectiveGroupNameTemplate}'); {suffixed} of their names need ' [<id>]' to be unique";
        if (created.Count + renamed.Count <= ManyGroups && suffixed <= ManySuffixedNames)
        {
            return TenantCheckLine.Pass(TenantCheckNames.Groups, detail);
        }

        var advice = settings.GroupBy == GroupMode.Event
            ? $"consider --group-by project, or a template naming the project ({{project}} {{start:yyyy-MM-dd}})"
            : "consider a template that tells the projects apart";
        return TenantCheckLine.Warn(TenantCheckNames.Groups, $"{detail}: many groups, or many alike; {advice} before the first run");
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
