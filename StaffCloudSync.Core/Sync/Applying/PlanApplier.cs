using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Failures;
using StaffCloudSync.Core.Logging;
using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Sync.Planning;

namespace StaffCloudSync.Core.Sync.Applying;

/// <summary>
/// Step 3 of a run: executes a plan against MobieTrain in a safe order — groups first (so every later write
/// finds its groups), then removals, then replacements and updates in the planner's address waves, then new invitations — with bounded
/// parallelism inside each phase. A write MobieTrain refuses fails that record only; any other error (outage,
/// authentication) stops the run, and the next run finishes the work.
/// </summary>
public sealed class PlanApplier(IMobieTrainClient client, IOptions<SyncOptions> options, ILogger<PlanApplier> logger)
{
    public Task<ApplyResult> ApplyAsync(MobieTrainWriteTarget target, SyncPlan plan, CancellationToken cancellationToken) =>
        ApplyAsync(target, plan, RunBudget.Unlimited, cancellationToken);

    /// <summary>
    /// Applies the plan until it is done or <paramref name="budget"/> is spent: then no further write starts (those in
    /// flight finish), and the result says so — the continuation re-reads both systems and goes on.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(MobieTrainWriteTarget target, SyncPlan plan, RunBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(budget);
        using var run = new ApplyRun(target, options.Value.MaxParallelWrites, options.Value.MaxConsecutiveTransientFailures, budget, logger, cancellationToken);
        foreach (var listed in plan.Actions.Where(a => a is SkipAction or HoldDeletionAction))
        {
            run.Counter.Count(listed);
        }

        await run.PhaseAsync(plan.Actions.OfType<CreateGroupAction>(), CreateGroupAsync).ConfigureAwait(false);
        await run.PhaseAsync(plan.Actions.OfType<RenameGroupAction>(),
            (a, r) => client.RenameUserGroupAsync(r.Target, a.GroupId, a.NewName, r.Token)).ConfigureAwait(false);
        await run.PhaseAsync(plan.Actions.Where(a => a is RemoveUserAction or RemoveInvitationAction or ExpireInvitationAction or WithdrawInvitationAction), RemoveAsync)
            .ConfigureAwait(false);

        // Replacements and updates in the planner's waves: a change whose new address another change frees runs after it.
        var changes = plan.Actions.Where(a => a is ReplaceInvitationAction or UpdateUserAction or UpdateInvitationAction).ToList();
        foreach (var wave in changes.GroupBy(WaveOf).OrderBy(g => g.Key))
        {
            await run.PhaseAsync(wave, (a, r) => a is ReplaceInvitationAction replace ? ReplaceAsync(replace, r) : UpdateAsync(a, r)).ConfigureAwait(false);
        }

        // New invitations last: every address this run gives up is free by then.
        await run.PhaseAsync(plan.Actions.OfType<InviteAction>(),
            (a, r) => CreateInvitationAsync(a.Invitation, r)).ConfigureAwait(false);
        return run.Result();
    }

    private static int WaveOf(SyncAction action) => action switch
    {
        ReplaceInvitationAction r => r.Wave,
        UpdateUserAction u => u.Wave,
        _ => 0,
    };

    private async Task CreateGroupAsync(CreateGroupAction action, ApplyRun run)
    {
        var group = await client.CreateUserGroupAsync(run.Target, action.Name, action.ExternalId, run.Token).ConfigureAwait(false);
        run.CreatedGroups[action.EventId] = group.Id;
    }

    private Task RemoveAsync(SyncAction action, ApplyRun run) => action switch
    {
        RemoveUserAction u => client.DeleteUserAsync(run.Target, u.UserId, run.Token),
        RemoveInvitationAction i => client.DeleteInvitationAsync(run.Target, i.InvitationId, run.Token),
        ExpireInvitationAction e => client.DeleteInvitationAsync(run.Target, e.InvitationId, run.Token),
        WithdrawInvitationAction w => client.DeleteInvitationAsync(run.Target, w.InvitationId, run.Token),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Not a removal."),
    };

    private async Task ReplaceAsync(ReplaceInvitationAction action, ApplyRun run)
    {
        var invitation = ToNewInvitation(action.Invitation, run);
        await client.DeleteInvitationAsync(run.Target, action.InvitationId, run.Token).ConfigureAwait(false);
        await client.CreateInvitationAsync(run.Target, invitation, run.Token).ConfigureAwait(false);
    }

    private Task CreateInvitationAsync(PlannedInvitation planned, ApplyRun run) =>
        client.CreateInvitationAsync(run.Target, ToNewInvitation(planned, run), run.Token);

    private Task UpdateAsync(SyncAction action, ApplyRun run) => action switch
    {
        UpdateUserAction u => client.UpdateUserAsync(run.Target, u.UserId, ToPatch(u.Patch, run), run.Token),
        UpdateInvitationAction i => client.UpdateInvitationAsync(run.Target, i.InvitationId, ToPatch(i.Patch, run), run.Token),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Not an update."),
    };

    private static NewInvitation ToNewInvitation(PlannedInvitation planned, ApplyRun run) => new(
        planned.ExternalId, planned.FirstName, planned.LastName, planned.Email, planned.Phone, planned.Language,
        run.Resolve(planned.Groups));

    private static PersonPatch ToPatch(PlannedPatch patch, ApplyRun run) => new(
        patch.FirstName, patch.LastName, patch.Email, patch.Phone, patch.Language,
        patch.Groups is null ? null : run.Resolve(patch.Groups));

    /// <summary>The state of one apply: counters, created group ids, failures and the run-level stop.</summary>
    private sealed class ApplyRun(
        MobieTrainWriteTarget target, int parallelism, int maxConsecutiveTransient, RunBudget budget, ILogger logger, CancellationToken cancellationToken)
        : IDisposable
    {
        private int _started;
        private volatile bool _budgetSpent;

        private readonly ConcurrentQueue<RecordFailure> _failures = new();
        private readonly ConcurrentQueue<SyncAction> _completed = new();
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        private Exception? _runLevelError;
        private int _consecutiveTransient;

        public MobieTrainWriteTarget Target { get; } = target;

        public SyncCounter Counter { get; } = new();

        public ConcurrentDictionary<long, string> CreatedGroups { get; } = new();

        public CancellationToken Token => _stop.Token;

        public async Task PhaseAsync<T>(IEnumerable<T> actions, Func<T, ApplyRun, Task> write)
            where T : SyncAction
        {
            if (_runLevelError is not null || _budgetSpent)
            {
                return;
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = CancellationToken.None };
            await Parallel.ForEachAsync(actions, parallel, async (action, _) => await ExecuteAsync(action, write).ConfigureAwait(false))
                .ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>Group ids for the write: created groups by their new id; a group whose create failed cannot be referenced.</summary>
        public List<string> Resolve(IReadOnlyList<GroupRef> groups)
        {
            var ids = new List<string>(groups.Count);
            foreach (var reference in groups)
            {
                if (reference.GroupId is { } id)
                {
                    ids.Add(id);
                }
                else if (CreatedGroups.TryGetValue(reference.PendingEventId!.Value, out var created))
                {
                    ids.Add(created);
                }
                else
                {
                    throw new MissingGroupException(reference.PendingEventId.Value);
                }
            }

            return ids;
        }

        public ApplyResult Result() => new(Counter.ToCounts(), _failures.ToArray(), _runLevelError, _completed.ToArray()) { BudgetSpent = _budgetSpent };

        public void Dispose() => _stop.Dispose();

        private async Task ExecuteAsync<T>(T action, Func<T, ApplyRun, Task> write)
            where T : SyncAction
        {
            if (_stop.IsCancellationRequested || _budgetSpent)
            {
                return;
            }

            // Every invocation makes progress: its first write starts whatever the budget says.
            if (budget.IsSpent && Volatile.Read(ref _started) > 0)
            {
                _budgetSpent = true;
                return;
            }

            Interlocked.Increment(ref _started);
            try
            {
                await write(action, this).ConfigureAwait(false);
                Interlocked.Exchange(ref _consecutiveTransient, 0);
                Counter.Count(action);
                _completed.Enqueue(action);
                SyncLog.ActionDone(logger, Target.TenantId, action.Kind, action.PersonId, action.MobieTrainId, "done", action.Rule.ToString());
            }
            catch (MobieTrainRecordException e)
            {
                Fail(action, e.Message, e.StatusCode, e.ErrorCode);
            }
            catch (SyncRunException e) when (e.Kind == SyncFailureKind.Unavailable)
            {
                // Failing after its retries fails this record; many in a row is an outage, which stops the run.
                Fail(action, e.Message);
                if (Interlocked.Increment(ref _consecutiveTransient) >= maxConsecutiveTransient)
                {
                    await StopAsync(new SyncRunException(Target.TenantId, SyncFailureKind.Unavailable,
                        $"MobieTrain is unavailable: {maxConsecutiveTransient} writes in a row failed after their retries (last: {e.Message})", e)).ConfigureAwait(false);
                }
            }
            catch (MissingGroupException e)
            {
                Fail(action, e.Message);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopped by the caller or by another write's run-level error: not this record's failure.
            }
            catch (Exception e)
            {
                await StopAsync(e).ConfigureAwait(false);
            }
        }

        private async Task StopAsync(Exception error)
        {
            if (Interlocked.CompareExchange(ref _runLevelError, error, null) is null)
            {
                SyncLog.ApplyAborted(logger, Target.TenantId, Target.RunId);
                await _stop.CancelAsync().ConfigureAwait(false);
            }
        }

        private void Fail(SyncAction action, string error, int? status = null, string? errorCode = null)
        {
            Counter.CountFailure();
            _failures.Enqueue(new RecordFailure(action.PersonId, action.Kind, action.MobieTrainId, error, status, errorCode));
            SyncLog.ActionFailed(logger, Target.TenantId, action.Kind, action.PersonId, action.MobieTrainId, error);
        }
    }

    private sealed class MissingGroupException(long eventId)
        : Exception($"the group of event {eventId} could not be created in this run, so this write was not attempted");
}
