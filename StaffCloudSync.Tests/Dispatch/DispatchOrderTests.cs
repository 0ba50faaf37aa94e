using Azure.Data.Tables;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Dispatch;

/// <summary>The run time in the tenants table and the order the dispatcher queues by, on Azurite.</summary>
[NonParallelizable]
public class DispatchOrderTests
{
    [Test]
    public async Task Dispatch_QueuesNewTenantsFirst_ThenTheLongestLastRunFirst()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        foreach (var id in new[] { "beta", "gamma", "delta", "omega" })
        {
            await dispatch.Sync.Tenants.AddAsync(Plans.DefaultTenant() with { TenantId = id, StaffCloudApiTenant = id, MobieTrainAccountId = id }, CancellationToken.None);
        }

        await SetRunTimeAsync(dispatch, "acme", 12);
        await SetRunTimeAsync(dispatch, "beta", 300);
        await SetRunTimeAsync(dispatch, "delta", 12);
        await SetRunTimeAsync(dispatch, "omega", 45);

        var result = await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);

        string[] expected = ["gamma", "beta", "omega", "acme", "delta"];
        Assert.That(result.Queued, Is.EqualTo(expected));
        var queued = (await dispatch.ReceiveAllAsync()).Select(m => Core.Runs.SyncRequest.TryParse(m.MessageText, out var r, out _) ? r!.TenantId : "?");
        Assert.That(queued, Is.EqualTo(expected), "the queue holds them in that order");
    }

    [Test]
    public async Task RunTimes_RoundTripThroughTheRow_AndARowWithoutThemIsNew()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        Assert.That((await dispatch.Sync.Tenants.GetAsync("acme", CancellationToken.None))!.Health.LastRunSeconds, Is.Null, "a row from before the column");

        await dispatch.Sync.Tenants.UpdateHealthAsync("acme", h => h with { LastRunSeconds = 812.25, ChainRunSeconds = 40.5 }, CancellationToken.None);

        var health = (await dispatch.Sync.Tenants.GetAsync("acme", CancellationToken.None))!.Health;
        Assert.That((health.LastRunSeconds, health.ChainRunSeconds), Is.EqualTo(((double?)812.25, (double?)40.5)));
        var table = await dispatch.Sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>("tenant", "acme")).Value;
        Assert.That(row.GetDouble("LastRunSeconds"), Is.EqualTo(812.25), "under the column's documented name");
    }

    [Test]
    public async Task AFinishedRun_WritesItsTimeInTheHealthUpdateItMakesAnyway()
    {
        await using var dispatch = await DispatchHarness.CreateAsync();
        dispatch.Sync.Seed(new Plans().Eligible(1));
        await dispatch.Dispatcher.DispatchAsync(false, CancellationToken.None);
        var message = (await dispatch.ReceiveAllAsync()).Single();

        var record = await dispatch.Runner.RunQueuedAsync(message.MessageText, message.MessageId, message.DequeueCount, CancellationToken.None);

        Assert.That(record!.Status, Is.EqualTo(RunStatus.Succeeded));
        var health = (await dispatch.Sync.Tenants.GetAsync("acme", CancellationToken.None))!.Health;
        Assert.That(health.LastRunSeconds, Is.Not.Null, "the tenant has a history now (the fake clock's timestamps stand still, so it is 0)");
        Assert.That(health.ChainRunSeconds, Is.Null);
    }

    private static Task SetRunTimeAsync(DispatchHarness dispatch, string tenantId, double seconds) =>
        dispatch.Sync.Tenants.UpdateHealthAsync(tenantId, h => h with { LastRunSeconds = seconds }, CancellationToken.None);
}
