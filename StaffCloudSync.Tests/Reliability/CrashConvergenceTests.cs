using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Sandbox.Hosting;
using StaffCloudSync.Sandbox.Scenarios;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Reliability;

/// <summary>
/// The process dies after any number of writes (the run is cancelled the moment the k-th write is served; writes in
/// flight may still land, as with a real crash): the next run converges on exactly the state an uninterrupted run
/// reaches — no duplicate, nothing lost — and the run after that has nothing to do.
/// </summary>
[NonParallelizable]
public class CrashConvergenceTests
{
    private static readonly string ScenarioJson = """
        {
          "tenant": { "id": "acme" },
          "staffcloud": {
            "employees": [
              {"id": 1, "firstname": "Ana", "lastname": "Lopez", "email": "ana@example.com", "status": 4},
              {"id": 2, "firstname": "Ben", "lastname": "Meier", "email": "ben@example.com", "status": 4},
              {"id": 3, "firstname": "Cara", "lastname": "Rossi", "email": "cara@example.com", "status": 4},
              {"id": 4, "firstname": "Dan", "lastname": "New", "email": "dan@example.com", "status": 4},
              {"id": 5, "firstname": "Eva", "lastname": "Frei", "email": "eva@example.com", "status": 5},
              {"id": 6, "firstname": "Fay", "lastname": "Moved", "email": "fay.new@example.com", "status": 4}
            ],
            "events": [
              {"id": 10, "name": "Fair", "start": "2026-03-05 08:00:00", "end": "2026-03-05 18:00:00", "status": 2},
              {"id": 11, "name": "Gala", "start": "2026-04-05 18:00:00", "end": "2026-04-05 23:00:00", "status": 2}
            ],
            "assignments": [
              {"id": 100, "employee_id": 1, "event_id": 10, "status": 7},
              {"id": 101, "employee_id": 2, "event_id": 11, "status": 7},
              {"id": 102, "employee_id": 3, "event_id": 10, "status": 7},
              {"id": 103, "employee_id": 3, "event_id": 11, "status": 7},
              {"id": 104, "employee_id": 4, "event_id": 11, "status": 7},
              {"id": 105, "employee_id": 6, "event_id": 10, "status": 7}
            ]
          },
          "mobietrain": {
            "userGroups": [ {"id": "g-man", "name": "Managers"} ],
            "users": [
              {"externalId": "4", "firstName": "Dan", "lastName": "Old", "email": "dan@example.com", "userGroupIds": ["g-man"], "registeredAt": "2025-01-01T00:00:00Z"},
              {"externalId": "5", "firstName": "Eva", "lastName": "Frei", "email": "eva@example.com", "registeredAt": "2025-01-01T00:00:00Z"}
            ],
            "invitations": [
              {"externalId": "6", "firstName": "Fay", "lastName": "Moved", "email": "fay.old@example.com", "createdAt": "2026-02-20T00:00:00Z"}
            ]
          },
          "steps": [ {"sync": {"at": "2026-03-01T02:00:00Z"}} ]
        }
        """;

    // Two groups, three invitations, one user update, one removal, one replacement (two writes): nine writes in all.
    private const int FullRunWrites = 9;

    [Test]
    public async Task KilledAfterAnyNumberOfWrites_TheNextRunConverges()
    {
        var reference = await RunAsync(killAfterWrites: null);
        Assert.That(reference.FirstRunWrites, Is.EqualTo(FullRunWrites));

        for (var k = 0; k < FullRunWrites; k++)
        {
            var crashed = await RunAsync(killAfterWrites: k);
            Assert.That(crashed.Killed, Is.True, $"k={k}: the run was not interrupted");
            Assert.That(Normalise(crashed.Final), Is.EqualTo(Normalise(reference.Final)), $"k={k}: the state after the next run differs");
            Assert.That(crashed.LastRunWrites, Is.Zero, $"k={k}: the run after the recovery still had work");
        }
    }

    private sealed record Outcome(MobieTrainContents Final, long FirstRunWrites, long LastRunWrites, bool Killed);

    private static async Task<Outcome> RunAsync(int? killAfterWrites)
    {
        var scenario = ScenarioReader.Read(ScenarioJson);
        await using var environment = await TestSandbox.StartAsync([new SandboxTenant(scenario.Tenant)]);
        var staffCloud = environment.StaffCloud.Tenant("acme");
        staffCloud.Seed(StaffCloudResource.Employees, scenario.StaffCloud.Employees);
        staffCloud.Seed(StaffCloudResource.Events, scenario.StaffCloud.Events);
        staffCloud.Seed(StaffCloudResource.Assignments, scenario.StaffCloud.Assignments);
        environment.MobieTrain.Seed("acme", scenario.MobieTrain);
        environment.MobieTrain.SeedUserGroup("acme", new MobieTrainUserGroupResource { Name = "StaffCloud sync: acme", ExternalId = "staffcloud-sync-tenant-acme" });
        var service = environment.Services.GetRequiredService<TenantRunner>();

        var killed = false;
        using (var crash = new CancellationTokenSource())
        {
            var served = 0;
            void Count()
            {
                if (Interlocked.Increment(ref served) >= killAfterWrites)
                {
                    crash.Cancel();
                }
            }

            if (killAfterWrites == 0)
            {
                await crash.CancelAsync();
            }

            environment.MobieTrain.WriteServed += Count;
            try
            {
                await service.RunInlineAsync(new SyncRequest("acme", "first", RunTrigger.Scheduled, false), null, killAfterWrites is null ? CancellationToken.None : crash.Token);
            }
            catch (OperationCanceledException)
            {
                killed = true;
            }
            finally
            {
                environment.MobieTrain.WriteServed -= Count;
            }
        }

        var firstWrites = environment.MobieTrain.Requests.Writes;
        await service.RunInlineAsync(new SyncRequest("acme", "recovery", RunTrigger.Scheduled, false), null, CancellationToken.None);
        var before = environment.MobieTrain.Requests.Writes;
        var last = await service.RunInlineAsync(new SyncRequest("acme", "after", RunTrigger.Scheduled, false), null, CancellationToken.None);
        Assert.That(last.Record.Status, Is.EqualTo(RunStatus.Succeeded), last.Record.Reason);
        return new Outcome(environment.MobieTrain.GetContents("acme"), firstWrites, environment.MobieTrain.Requests.Writes - before, killed);
    }

    /// <summary>The state without generated ids and timestamps, groups named instead of referenced by id.</summary>
    private static string Normalise(MobieTrainContents contents)
    {
        var groups = contents.UserGroups.ToDictionary(g => g.Id, g => g.ExternalId ?? g.Name);
        string Groups(IEnumerable<string> ids) => string.Join(",", ids.Select(id => groups[id]).Order());
        return string.Join("\n", contents.UserGroups.Select(g => $"group {g.ExternalId} {g.Name}").Order()
            .Concat(contents.Users.Select(u => $"user {u.ExternalId} {u.FirstName} {u.LastName} {u.Email} [{Groups(u.UserGroupIds)}]").Order())
            .Concat(contents.Invitations.Select(i => $"invitation {i.ExternalId} {i.FirstName} {i.LastName} {i.Email} [{Groups(i.UserGroupIds)}]").Order()));
    }
}
