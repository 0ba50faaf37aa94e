using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>
/// sync-rules.md, "Early runs": only a tenant whose row says <c>Notifications</c> = true has its secret read; an unknown
/// or unregistered tenant gets the same 401 with no secret-store read, so an anonymous flood cannot throttle Key Vault;
/// a secret found missing is remembered for a while; each refusal is one line of the refusal count.
/// </summary>
public class NotificationOptInTests
{
    private static readonly DateTimeOffset T0 = Plans.Now.AddHours(12).AddMinutes(5);

    private static Task<NotificationHarness> StartAsync(CountingSecretStore counting, TenantSettings? settings = null,
        bool notifications = true, IReadOnlyDictionary<string, string?>? appSettings = null) =>
        NotificationHarness.StartAsync(settings, services => services.Replace(ServiceDescriptor.Singleton<ISecretStore>(provider =>
            counting.Wrapping(ActivatorUtilities.CreateInstance<ConfigurationSecretStore>(provider)))), appSettings, notifications);

    [TestCase("acme", false, TestName = "A tenant that never registered")]
    [TestCase("nobody", true, TestName = "An unknown tenant")]
    public async Task AFloodOfPosts_IsTheSame401_WithoutASingleSecretRead(string tenantId, bool notifications)
    {
        var counting = new CountingSecretStore();
        await using var harness = await StartAsync(counting, notifications: notifications);
        harness.Environment.Clock.Set(T0);
        var right = harness.Secret;

        var results = new List<NotificationResult>();
        for (var i = 0; i < 50; i++)
        {
            results.Add(await harness.NotifyRawAsync(tenantId, right, Encoding.UTF8.GetBytes("""{"event":"employee.updated","email":"ana@example.com"}""")));
        }

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(results.Select(r => JsonSerializer.Serialize(r.Body())), Has.All.EqualTo("""{"error":"unauthorized"}"""), "as a wrong secret");
        Assert.That(counting.Reads, Is.Zero, "no secret-store (Key Vault) read");
        Assert.That(harness.Queue.Pending, Is.Empty);
        var refusals = harness.Logs.GetSnapshot().Where(r => r.Message.StartsWith("Notification refused (401)", StringComparison.Ordinal)).ToList();
        Assert.That(refusals, Has.Count.EqualTo(50), "one line per refusal: the count the alert reads");
        Assert.That(refusals.Select(r => (r.Id.Id, r.Level)), Has.All.EqualTo((1610, LogLevel.Information)), "anyone's to send: not a warning each");
        Assert.That(harness.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning), Is.Empty);
        Assert.That(harness.AllLogText(), Does.Not.Contain("ana@example.com").And.Not.Contain(right));
    }

    [Test]
    public async Task ARegisteredTenant_HasItsSecretRead_AndItsNotificationScheduled()
    {
        var counting = new CountingSecretStore();
        await using var harness = await StartAsync(counting);

        var result = await harness.NotifyAsync(T0);

        Assert.That(result.Outcome, Is.EqualTo(NotificationOutcome.Scheduled));
        Assert.That(counting.Reads, Is.EqualTo(1));
    }

    [Test]
    public async Task AMissingSecret_IsRememberedForAWhile_ThenReadAgain()
    {
        var counting = new CountingSecretStore();
        await using var harness = await StartAsync(counting, Plans.DefaultTenant() with { WebhookSecret = "staffcloud-webhook-never-created" },
            appSettings: new Dictionary<string, string?> { ["Secrets:Values:staffcloud-webhook-never-created"] = "" });

        for (var i = 0; i < 20; i++)
        {
            Assert.That((await harness.NotifyAsync(T0.AddSeconds(i), secret: "anything")).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var readsWithin = counting.Reads;
        await harness.NotifyAsync(T0 + MissingWebhookSecrets.RememberFor, secret: "anything");

        Assert.That(readsWithin, Is.EqualTo(1), "one read, then the memo answers");
        Assert.That(counting.Reads, Is.EqualTo(2), "read again once the memo lapsed");
        Assert.That(harness.LoggedEventIds().Count(id => id == 1604), Is.EqualTo(2), "the warning once per read, not per POST");
        Assert.That(harness.LoggedEventIds().Count(id => id == 1611), Is.EqualTo(19));
    }

    [Test]
    public async Task TheRowsNotificationsColumn_DefaultsToFalse_AndIsWrittenAndRead()
    {
        await using var harness = await NotificationHarness.StartAsync();
        var store = harness.Environment.Services.GetRequiredService<TenantStore>();
        var registered = (await store.GetAsync("acme", CancellationToken.None))!;

        await store.UpdateAsync(registered.Settings! with { Notifications = false }, registered.ETag, CancellationToken.None);
        var cleared = (await store.GetAsync("acme", CancellationToken.None))!;
        var table = await harness.Environment.Services.GetRequiredService<Core.Platform.Storage.StorageTables>().Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "byhand") { ["StaffCloudApiTenant"] = "byhand", ["MobieTrainAccountId"] = "byhand" });
        var byHand = (await store.GetAsync("byhand", CancellationToken.None))!;

        Assert.That((registered.Settings!.Notifications, cleared.Settings!.Notifications, byHand.Settings!.Notifications), Is.EqualTo((true, false, false)));
    }
}

/// <summary>Counts the reads that reach the secret store (Key Vault in Azure).</summary>
internal sealed class CountingSecretStore : ISecretStore
{
    private ISecretStore? inner;
    private int reads;

    public int Reads => Volatile.Read(ref reads);

    public ISecretStore Wrapping(ISecretStore store)
    {
        inner = store;
        return this;
    }

    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        return inner!.GetSecretAsync(name, cancellationToken);
    }
}
