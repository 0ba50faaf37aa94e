using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Functions.Functions;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Functions;

/// <summary>
/// The notification endpoint as the host calls it, over the app's own services: the Azurite queue holds the early run
/// invisible until it is due; the queue function then runs it as a normal run with trigger webhook, and its start is
/// what the next early run counts its minimum interval from.
/// </summary>
[NonParallelizable]
public class NotificationFunctionTests
{
    private static readonly TenantSettings Acme = Plans.DefaultTenant() with { Notifications = true };

    private static byte[] Body(string text = """{"trigger":{"event":"assignment.status_changed"}}""") => Encoding.UTF8.GetBytes(text);

    [Test]
    public async Task AValidNotification_Is202AtOnce_AndItsRunIsQueuedInvisibleUntilDue()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        var secret = await SecretAsync(host);

        var response = await CallAsync(host, "acme", secret, Body());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var answer = JsonNode.Parse(response.Text())!;
        Assert.That(answer["outcome"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        Assert.That(answer["dueAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(Plans.Now.AddMinutes(5)));
        Assert.That((await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, Is.EqualTo(1), "one message on the queue");
        Assert.That((await host.Queue.ReceiveMessagesAsync(10)).Value, Is.Empty, "and invisible: the trigger cannot take it before its due time");
    }

    [Test]
    public async Task AWrongSecretAndAnUnknownTenant_GetTheSame401_AndQueueNothing()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);

        var wrong = await CallAsync(host, "acme", "not-the-secret", Body());
        var unknown = await CallAsync(host, "nobody", await SecretAsync(host), Body());
        var huge = await CallAsync(host, "acme", await SecretAsync(host), new byte[NotificationBody.MaxBytes + 1]);

        Assert.That((wrong.StatusCode, unknown.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)));
        Assert.That(wrong.Text(), Is.EqualTo(unknown.Text()));
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, Is.Zero);
    }

    [Test]
    public async Task TheQueuedEarlyRun_RunsAsAWebhookRun_AndItsStartPushesTheNextOneToTheMinimumInterval()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        host.SeedEligible("acme", 1);
        var secret = await SecretAsync(host);
        await CallAsync(host, "acme", secret, Body());
        var due = await host.Service<EarlyRunSchedule>().GetAsync("acme", CancellationToken.None);

        // The queue trigger takes the message up at its due time; Azurite would show it then, the test hands it over.
        host.Environment.Clock.Set(due.DueAt!.Value);
        await host.Queue.SendMessageAsync(new SyncRequest("acme", due.DueRunId!, RunTrigger.Webhook, false, Plans.Now).ToJson());
        var message = (await host.Queue.ReceiveMessagesAsync(1)).Value.Single();
        await host.Function<TenantSync>().RunAsync(message, CancellationToken.None);
        var next = JsonNode.Parse((await CallAsync(host, "acme", secret, Body(), at: due.DueAt.Value.AddMinutes(1))).Text())!;

        var run = await host.Service<RunStore>().GetAsync("acme", due.DueRunId!, CancellationToken.None);
        Assert.That(run!.Trigger, Is.EqualTo(RunTrigger.Webhook));
        Assert.That(run.Status, Is.EqualTo(RunStatus.Succeeded), run.Reason);
        Assert.That(run.Counts.Invited, Is.EqualTo(1), "the early run invites like any run");
        Assert.That(run.StartedAt, Is.EqualTo(due.DueAt.Value));
        Assert.That(next["outcome"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        Assert.That(next["dueAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(due.DueAt.Value.AddMinutes(15)));
    }

    [Test]
    public async Task AnEarlyRunSkippedBecauseAnotherRunHoldsTheTenant_IsMadeDueAgain_AtTheMinimumInterval()
    {
        await using var host = await FunctionsHarness.StartAsync(Acme);
        await CallAsync(host, "acme", await SecretAsync(host), Body());
        var due = await host.Service<EarlyRunSchedule>().GetAsync("acme", CancellationToken.None);
        host.Environment.Clock.Set(due.DueAt!.Value);
        var holder = await host.Service<Core.Runs.Leases.ITenantLeases>().TryAcquireAsync("acme", "scheduled-run", TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.That(holder.Acquired, Is.True);

        await host.Queue.SendMessageAsync(new SyncRequest("acme", due.DueRunId!, RunTrigger.Webhook, false, Plans.Now).ToJson());
        var taken = (await host.Queue.ReceiveMessagesAsync(1)).Value.Single();
        await host.Function<TenantSync>().RunAsync(taken, CancellationToken.None);
        await host.Queue.DeleteMessageAsync(taken.MessageId, taken.PopReceipt);

        var skipped = await host.Service<RunStore>().GetAsync("acme", due.DueRunId!, CancellationToken.None);
        var again = await host.Service<EarlyRunSchedule>().GetAsync("acme", CancellationToken.None);
        Assert.That(skipped!.Status, Is.EqualTo(RunStatus.Skipped));
        Assert.That(again.DueRunId, Is.Not.Null.And.Not.EqualTo(due.DueRunId), "a new early run for the change the skipped one was for");
        Assert.That(again.DueAt, Is.EqualTo(due.DueAt.Value.AddMinutes(15)), "not sooner than the minimum interval from the skipped one");
        Assert.That((await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, Is.EqualTo(2), "the first notification's message and the new one, both invisible");
    }

    private static async Task<FakeHttpResponseData> CallAsync(FunctionsHarness host, string tenantId, string secret, byte[] body, DateTimeOffset? at = null)
    {
        host.Environment.Clock.Set(at ?? Plans.Now);
        var request = FakeHttpRequestData.Post($"notifications/staffcloud/{tenantId}?secret={Uri.EscapeDataString(secret)}", body);
        return (FakeHttpResponseData)await host.Function<StaffCloudNotification>().RunAsync(request, tenantId, CancellationToken.None);
    }

    private static Task<string> SecretAsync(FunctionsHarness host) =>
        host.Service<Core.Platform.Secrets.ISecretStore>().GetSecretAsync(Acme.EffectiveWebhookSecret, CancellationToken.None);
}
