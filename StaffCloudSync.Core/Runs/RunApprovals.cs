using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>What one run makes of the tenant's approval of held deletions.</summary>
internal static class RunApprovals
{
    public static DeletionApproval? InForce(TenantRecord tenant, DateTimeOffset now) =>
        tenant.DeletionApproval is { } approval && approval.IsInForceAt(now) ? approval : null;

    // Done with: every rule-1 deletion applied, or none planned any more. A deletion that failed or was not reached stays approved.
    public static HashSet<long> Settled(DeletionApproval approval, SyncPlan plan, ApplyResult result) =>
        approval.Employees.Except(Pending(plan, result)).ToHashSet();

    private static IReadOnlyList<long> Deleted(DeletionApproval approval, SyncPlan plan, ApplyResult result)
    {
        var planned = Rule1Deletions(plan.Actions).Select(a => a.PersonId!.Value).ToHashSet();
        var pending = Pending(plan, result);
        return approval.Employees.Where(id => planned.Contains(id) && !pending.Contains(id)).Order().ToList();
    }

    public static RunApproval? Record(RunContext context, SyncPlan plan, ApplyResult result) => context.Approval is not { } approval ? null
        : new(approval.Id, approval.ApprovedRunId, approval.GrantedBy, approval.GrantedAt, approval.ExpiresAt, approval.Employees.Order().ToList(),
            context.DryRun ? [] : Deleted(approval, plan, result));

    private static HashSet<long> Pending(SyncPlan plan, ApplyResult result)
    {
        var done = Rule1Deletions(result.Completed).Select(a => (a.Kind, a.MobieTrainId)).ToHashSet();
        return Rule1Deletions(plan.Actions).Where(a => !done.Contains((a.Kind, a.MobieTrainId))).Select(a => a.PersonId!.Value).ToHashSet();
    }

    private static IEnumerable<SyncAction> Rule1Deletions(IEnumerable<SyncAction> actions) =>
        actions.Where(a => a is RemoveUserAction or RemoveInvitationAction);
}
