using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Tests.Fakes;

namespace StaffCloudSync.Tests.Engine.Scenarios;

/// <summary>
/// Runs a scenario (read by the sandbox's <see cref="ScenarioReader"/>) through the engine alone — the run owner
/// with its reader, planner and applier, real stores — against in-memory StaffCloud and MobieTrain, and gives
/// the same <see cref="ScenarioResult"/> the sandbox gives, so its output is judged by the shared checker too.
/// </summary>
internal sealed class EngineScenarioRunner(TenantStore tenants, RunStore runs, StorageTables tables)
{
    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var staffCloud = new InMemoryStaffCloud();
        var mobieTrain = new InMemoryMobieTrain(time);
        Upsert(staffCloud, scenario.StaffCloud);
        Seed(mobieTrain, scenario.MobieTrain);

        await tenants.AddAsync(scenario.Tenant, cancellationToken);
        var runner = TenantRunnerHarness.Create(tenants, runs, tables, staffCloud, mobieTrain, new SyncOptions(), time);

        var approvals = new DeletionApprovals(tenants, runs, time);
        var results = new List<ScenarioRun>();
        DateTimeOffset? lastSync = null;
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case SyncStep sync:
                    lastSync = sync.At;
                    time.SetUtcNow(sync.At);
                    await runner.RunInlineAsync(new SyncRequest(scenario.Tenant.TenantId, SyncRequest.NewRunId(), RunTrigger.Scheduled, sync.DryRun), async (_, run) =>
                    {
                        var (writes, reads, staffCloudRequests) = (mobieTrain.Writes, mobieTrain.Reads, staffCloud.Requests);
                        var stopwatch = Stopwatch.StartNew();
                        var outcome = await run();
                        results.Add(new ScenarioRun(sync.At, sync.DryRun, outcome.Record, outcome.Plan,
                            new ScenarioRequests(staffCloud.Requests - staffCloudRequests, mobieTrain.Reads - reads, mobieTrain.Writes - writes, 0),
                            stopwatch.ElapsedMilliseconds));
                        return outcome;
                    }, cancellationToken);
                    break;
                case StaffCloudChangeStep change:
                    Upsert(staffCloud, change.Upsert);
                    staffCloud.Employees.RemoveAll(e => change.DeleteEmployees.Contains(e.Id));
                    staffCloud.Events.RemoveAll(e => change.DeleteEvents.Contains(e.Id));
                    staffCloud.Assignments.RemoveAll(a => change.DeleteAssignments.Contains(a.Id));
                    break;
                case MobieTrainChangeStep change:
                    Change(mobieTrain, change, lastSync ?? time.GetUtcNow());
                    break;
                case TenantStep tenantStep:
                    await TenantStepAsync(scenario.Tenant.TenantId, tenantStep, approvals, cancellationToken);
                    break;
            }
        }

        return new ScenarioResult(scenario.Tenant.TenantId, results, Contents(mobieTrain), 0);
    }

    /// <summary>Other rows straight into the table, as the sandbox writes them; then the approval.</summary>
    private async Task TenantStepAsync(string tenantId, TenantStep step, DeletionApprovals approvals, CancellationToken cancellationToken)
    {
        var table = await tables.Tenants.GetAsync(cancellationToken);
        foreach (var row in step.Rows)
        {
            await table.UpsertEntityAsync(TenantEntityMapper.ToEntity(row), Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        }

        if (step.AllowDeletions)
        {
            try
            {
                await approvals.GrantAsync(tenantId, "scenario", cancellationToken);
            }
            catch (NothingHeldException)
            {
                // Refused as the sandbox refuses it; the scenario goes on without an approval.
            }
        }
    }

    private static void Upsert(InMemoryStaffCloud staffCloud, StaffCloudRecords records)
    {
        Upsert(staffCloud.Employees, records.Employees.Select(ScenarioJson.Employee), e => e.Id);
        Upsert(staffCloud.Events, records.Events.Select(ScenarioJson.Event), e => e.Id);
        Upsert(staffCloud.Assignments, records.Assignments.Select(ScenarioJson.Assignment), a => a.Id);
    }

    private static void Seed(InMemoryMobieTrain mobieTrain, MobieTrainContents contents)
    {
        var n = 0;
        mobieTrain.Groups.AddRange(contents.UserGroups.Select(g => new MobieTrainUserGroup(Id(g.Id, "g", ++n), g.Name, g.ExternalId)));
        mobieTrain.Users.AddRange(contents.Users.Select(u => new MobieTrainUser(Id(u.Id, "u", ++n), u.ExternalId,
            new MobieTrainProfile(u.FirstName, u.LastName, u.Email, u.Phone, u.Language), u.UserGroupIds, u.RegisteredAt)));
        mobieTrain.Invitations.AddRange(contents.Invitations.Select(i => new MobieTrainInvitation(Id(i.Id, "i", ++n), i.ExternalId,
            new MobieTrainProfile(i.FirstName, i.LastName, i.Email, i.Phone, i.Language), i.UserGroupIds, i.CreatedAt)));
    }

    private static void Change(InMemoryMobieTrain mobieTrain, MobieTrainChangeStep change, DateTimeOffset lastSync)
    {
        if (change.AcceptInvitation is { } externalId)
        {
            mobieTrain.Accept(externalId, lastSync);
        }

        foreach (var edit in change.UpsertUsers)
        {
            var index = mobieTrain.Users.FindIndex(u => u.ExternalId == edit.ExternalId);
            if (index < 0)
            {
                mobieTrain.Users.Add(new MobieTrainUser($"manual-{edit.ExternalId}", edit.ExternalId,
                    new MobieTrainProfile(edit.FirstName, edit.LastName, edit.Email, edit.Phone, edit.Language), edit.UserGroupIds ?? [], edit.RegisteredAt ?? lastSync));
                continue;
            }

            var user = mobieTrain.Users[index];
            var p = user.Profile;
            mobieTrain.Users[index] = user with
            {
                Profile = new(edit.FirstName ?? p.FirstName, edit.LastName ?? p.LastName, edit.Email ?? p.Email, edit.Phone ?? p.Phone, edit.Language ?? p.Language),
                UserGroupIds = edit.UserGroupIds ?? user.UserGroupIds,
            };
        }
    }

    /// <summary>The in-memory state in the contract's shape, as the simulator would give it back.</summary>
    private static MobieTrainContents Contents(InMemoryMobieTrain mobieTrain) => new()
    {
        UserGroups = [.. mobieTrain.Groups.Select(g => new MobieTrainUserGroupResource { Id = g.Id, Name = g.Name, ExternalId = g.ExternalId })],
        Users = [.. mobieTrain.Users.Select(u => new MobieTrainUserResource
        {
            Id = u.Id, ExternalId = u.ExternalId, FirstName = u.Profile.FirstName ?? string.Empty, LastName = u.Profile.LastName ?? string.Empty,
            Email = u.Profile.Email, Phone = u.Profile.Phone, Language = u.Profile.Language ?? "en", UserGroupIds = u.UserGroupIds, RegisteredAt = u.RegisteredAt,
        })],
        Invitations = [.. mobieTrain.Invitations.Select(i => new MobieTrainInvitationResource
        {
            Id = i.Id, ExternalId = i.ExternalId, FirstName = i.Profile.FirstName ?? string.Empty, LastName = i.Profile.LastName ?? string.Empty,
            Email = i.Profile.Email, Phone = i.Profile.Phone, Language = i.Profile.Language ?? "en", UserGroupIds = i.UserGroupIds, CreatedAt = i.CreatedAt,
        })],
    };

    private static string Id(string given, string prefix, int n) => string.IsNullOrEmpty(given) ? $"seed-{prefix}{n}" : given;

    private static void Upsert<T>(List<T> list, IEnumerable<T> items, Func<T, long> id)
    {
        foreach (var item in items)
        {
            var index = list.FindIndex(existing => id(existing) == id(item));
            if (index < 0)
            {
                list.Add(item);
            }
            else
            {
                list[index] = item;
            }
        }
    }
}
