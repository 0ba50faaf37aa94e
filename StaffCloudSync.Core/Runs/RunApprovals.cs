using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

/// <summary>What one run makes of the tenant's approval of held deletions, as pure functions of the approval, the plan and what was applied.</summary>
internal static class RunApprovals
{
    /// <summary>The approval that lets deletions through at <paramref name="now"/>; a lapsed or used-up one is ignored.</summary>
    public static DeletionApproval? InForce(TenantRecord tenant, DateTimeOffset now) =>
        tenant.DeletionApproval is { } approval && approval.IsInForceAt(now) ? approval : null;

    /// <summary>Approved persons the approval is done with: every rule-1 deletion of theirs was applied, or none is planned any
    /// more (reactivated, already gone). A person with a deletion that failed or was not reached stays approved.</summary>
    public static HashSet<long> Settled(DeletionApproval approval, SyncPlan plan, ApplyResult result)
    {
        var pending = Pending(plan, result);
        return approval.Employees.Where(id => !pending.Contains(id)).ToHashSet();
    }

    /// <summary>Approved persons whose deletions this run applied (all of them).</summary>
    public static IReadOnlyList<long> Deleted(DeletionApproval approval, SyncPlan plan, ApplyResult result)
    {
        var planned = Rule1Deletions(plan.Actions).Select(a => a.PersonId!.Value).ToHashSet();
        var pending = Pending(plan, result);
        return approval.Employees.Where(id => planned.Contains(id) && !pending.Contains(id)).Order().ToList();
    }

    /// <summary>The run record's view of the approval the run planned under (a dry run deletes no one); null without one.</summary>
    public static RunApproval? Record(RunContext context, SyncPlan plan, ApplyResult result) =>
        context.Approval is { } approval ? ToRecord(approval, context.DryRun ? [] : Deleted(approval, plan, result)) : null;

    public static RunApproval ToRecord(DeletionApproval approval, IReadOnlyList<long> deleted) =>
        new(approval.Id, approval.ApprovedRunId, approval.GrantedBy, approval.GrantedAt, approval.ExpiresAt, approval.Employees.Order().ToList(), deleted);

    /// <summary>Persons with a planned rule-1 deletion that did not complete in this run.</summary>
    private static HashSet<long> Pending(SyncPlan plan, ApplyResult result)
    {
        var done = Rule1Deletions(result.Completed).Select(a => (a.Kind, a.MobieTrainId)).ToHashSet();
        return Rule1Deletions(plan.Actions).Where(a => !done.Contains((a.Kind, a.MobieTrainId))).Select(a => a.PersonId!.Value).ToHashSet();
    }

    private static IEnumerable<SyncAction> Rule1Deletions(IEnumerable<SyncAction> actions) =>
        actions.Where(a => a is RemoveUserAction or RemoveInvitationAction);
}
