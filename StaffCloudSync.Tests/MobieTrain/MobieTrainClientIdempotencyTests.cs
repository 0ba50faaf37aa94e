using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>Writes are safe to retry: a response lost after MobieTrain acted never leads to a second invitation or group, a repeat in the same run is replayed, and a write without an idempotency key is never retried.</summary>
public sealed class MobieTrainClientIdempotencyTests
{
    private const string Account = MobieTrainHarness.Account;

    [TestCase(true, TestName = "Lost invitation response: the retry is replayed by its idempotency key")]
    [TestCase(false, TestName = "Lost invitation response: without key replay the 409 is resolved to our invitation")]
    public async Task ResponseLostAfterAnInvitationWasCreated_MakesNoSecondInvitation(bool honourKeys)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.HonourIdempotencyKeys = honourKeys;
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/invitations", Status = 503, Commit = true }]);

        var invitation = await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "ana@example.com", null, "de", []), CancellationToken.None);

        var stored = context.Contents().Invitations;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Has.Count.EqualTo(1), "exactly one invitation (one e-mail) exists");
            Assert.That(invitation.Id, Is.EqualTo(stored[0].Id));
            Assert.That(context.Served("POST", "/invitations").Select(r => (r.Status, r.Replayed)),
                Is.EqualTo(honourKeys ? new[] { (201, false), (201, true) } : new[] { (201, false), (409, false) }));
        }
    }

    [TestCase(true, TestName = "Lost group response: the retry is replayed by its idempotency key")]
    [TestCase(false, TestName = "Lost group response: without key replay the 409 is resolved to our group")]
    public async Task ResponseLostAfterAGroupWasCreated_MakesNoSecondGroup(bool honourKeys)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.HonourIdempotencyKeys = honourKeys;
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/user-groups", Status = 502, Commit = true }]);

        var group = await context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "Fair", "staffcloud-event-10", CancellationToken.None);

        var stored = context.Contents().UserGroups;
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(group.Id, Is.EqualTo(stored[0].Id));
    }

    [Test]
    public async Task ResponseLostAfterADelete_CountsAsDone()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.HonourIdempotencyKeys = false;
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });
        context.Simulator.AddFaults([new SimulatorFault { Method = "DELETE", Path = $"/users/{user.Id}", Status = 503, Commit = true }]);

        await context.Client.DeleteUserAsync(MobieTrainHarness.Target(), user.Id, CancellationToken.None);

        Assert.That(context.Contents().Users, Is.Empty);
        Assert.That(context.Served("DELETE", user.Id).Select(r => r.Status), Is.EqualTo(new[] { 204, 404 }));
    }

    [Test]
    public async Task SameWriteInTheSameRun_IsReplayed_AndDoesNotActTwice()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "Ana", LastName = "B" });
        var patch = new PersonPatch(FirstName: "Anna");

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-1"), user.Id, patch, CancellationToken.None);
        context.Simulator.UpsertUser(Account, new MobieTrainUserEdit { ExternalId = "1", FirstName = "Edited by hand" });
        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-1"), user.Id, patch, CancellationToken.None);

        Assert.That(context.Contents().Users.Single().FirstName, Is.EqualTo("Edited by hand"), "the repeat was answered, not acted on");
        Assert.That(context.Simulator.Replays, Is.EqualTo(1));

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-2"), user.Id, patch, CancellationToken.None);

        Assert.That(context.Contents().Users.Single().FirstName, Is.EqualTo("Anna"), "a later run's same change is a new intent");
    }

    [Test]
    public async Task WriteWithoutAnIdempotencyKey_IsNotRetried_OneWithAKeyIs()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "POST", Path = "/user-groups", Status = 503, Times = 2 }]);
        var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(MobieTrainClient.HttpClientName);
        HttpRequestMessage Post(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"v1/accounts/{Account}/user-groups")
            {
                Content = new StringContent("""{"name":"Fair","externalId":"staffcloud-event-10"}""", Encoding.UTF8, "application/json"),
            };
            request.Options.Set(BearerSecretHandler.SecretName, MobieTrainHarness.SecretName);
            if (key is not null)
            {
                request.Headers.Add(IdempotencyKey.HeaderName, key);
            }

            return request;
        }

        using var withoutKey = await http.SendAsync(Post(null));
        var writesWithoutKey = context.Simulator.Requests.Writes;
        using var withKey = await http.SendAsync(Post("key-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withoutKey.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(writesWithoutKey, Is.EqualTo(1), "a write without a key is sent once: a retry might act twice");
            Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(context.Simulator.Requests.Writes - writesWithoutKey, Is.EqualTo(2));
        }
    }
}
