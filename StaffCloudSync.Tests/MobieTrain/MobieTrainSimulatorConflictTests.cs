using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>A write the simulator has seen before: a conflict naming the record that holds the key, or the first answer replayed for its idempotency key.</summary>
public sealed class MobieTrainSimulatorConflictTests
{
    private const string Account = SimulatorApi.Account;

    private const string Invitation = """{"externalId":"7","firstName":"Ana","lastName":"Lopez","email":"ana@example.com","language":"de","userGroupIds":[]}""";

    [Test]
    public async Task GroupConflict_NamesTheExistingGroupByExternalIdOrName()
    {
        await using var api = await SimulatorApi.StartAsync();
        var existing = api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Spring Fair", ExternalId = "staffcloud-event-10" });
        var other = api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Autumn Fair" });

        var sameExternalId = await api.PostAsync("/user-groups", """{"name":"Renamed","externalId":"staffcloud-event-10"}""");
        var sameName = await api.PostAsync("/user-groups", """{"name":"SPRING FAIR","externalId":"staffcloud-event-11"}""");
        var renameToTaken = await api.PatchAsync($"/user-groups/{other.Id}", """{"name":"spring fair"}""");
        var created = await api.PostAsync("/user-groups", """{"name":"Summer Fair"}""");

        using (Assert.EnterMultipleScope())
        {
            foreach (var conflict in new[] { sameExternalId, sameName, renameToTaken })
            {
                Assert.That((conflict.Status, conflict.ErrorCode), Is.EqualTo((409, "conflict")));
                Assert.That(conflict.Body!["error"]!["existingKind"]!.GetValue<string>(), Is.EqualTo("userGroup"));
                Assert.That(conflict.Body["error"]!["existing"]!["id"]!.GetValue<string>(), Is.EqualTo(existing.Id));
                Assert.That(conflict.ErrorMessage, Does.Contain(existing.Id));
            }

            Assert.That(sameExternalId.Body!["error"]!["existing"]!["externalId"]!.GetValue<string>(), Is.EqualTo("staffcloud-event-10"));
            Assert.That(created.Status, Is.EqualTo(201));
            Assert.That(created.Body!["externalId"], Is.Null);
        }
    }

    [Test]
    public async Task InvitationConflict_NamesTheUserOrInvitationHoldingTheExternalIdOrEmail()
    {
        await using var api = await SimulatorApi.StartAsync();
        var user = api.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "U", LastName = "U", Email = "user@example.com" });
        var pending = api.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "2", FirstName = "I", LastName = "I", Email = "invited@example.com",
        });

        var userExternalId = await api.PostAsync("/invitations", """{"externalId":"1","firstName":"F","lastName":"L","email":"x@example.com"}""");
        var invitationExternalId = await api.PostAsync("/invitations", """{"externalId":"2","firstName":"F","lastName":"L","email":"y@example.com"}""");
        var userEmail = await api.PostAsync("/invitations", """{"externalId":"3","firstName":"F","lastName":"L","email":"USER@example.com"}""");
        var invitationEmail = await api.PostAsync("/invitations", """{"externalId":"4","firstName":"F","lastName":"L","email":"Invited@Example.com"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Named(userExternalId), Is.EqualTo((409, "user", user.Id)));
            Assert.That(Named(invitationExternalId), Is.EqualTo((409, "invitation", pending.Id)));
            Assert.That(Named(userEmail), Is.EqualTo((409, "user", user.Id)));
            Assert.That(Named(invitationEmail), Is.EqualTo((409, "invitation", pending.Id)));
            Assert.That(api.Simulator.GetContents(Account).Invitations, Has.Count.EqualTo(1));
        }

        static (int, string?, string?) Named(SimulatorApi.Answer answer) => (answer.Status,
            answer.Body?["error"]?["existingKind"]?.GetValue<string>(), answer.Body?["error"]?["existing"]?["id"]?.GetValue<string>());
    }

    [Test]
    public async Task IdempotencyKey_ReplaysTheFirstAnswerFor24HoursPerAccount()
    {
        await using var api = await SimulatorApi.StartAsync();

        var first = await api.PostAsync("/invitations", Invitation, idempotencyKey: "k1");
        var repeat = await api.PostAsync("/invitations", Invitation, idempotencyKey: "k1");
        var otherAccount = await api.SendAsync(HttpMethod.Post, "/invitations", Invitation, SimulatorApi.KeyForBoth, "k1", SimulatorApi.OtherAccount);
        api.Clock.Advance(TimeSpan.FromHours(23));
        var nearlyADayLater = await api.PostAsync("/invitations", Invitation, idempotencyKey: "k1");
        api.Clock.Advance(TimeSpan.FromHours(1));
        var aDayLater = await api.PostAsync("/invitations", Invitation, idempotencyKey: "k1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Status, Is.EqualTo(201));
            Assert.That((repeat.Status, repeat.Id), Is.EqualTo((201, first.Id)), "the first answer again");
            Assert.That((nearlyADayLater.Status, nearlyADayLater.Id), Is.EqualTo((201, first.Id)));
            Assert.That(otherAccount.Status, Is.EqualTo(201), "keys are per account");
            Assert.That(aDayLater.Status, Is.EqualTo(409), "after 24 h the key is forgotten and the request acts (and conflicts)");
            Assert.That(api.Simulator.GetContents(Account).Invitations, Has.Count.EqualTo(1));
            Assert.That(api.Simulator.Replays, Is.EqualTo(2));
            Assert.That(api.Simulator.ServedRequests.Count(r => r.Replayed), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task RequestsRefusedBeforeActing_AreNotRememberedForTheirKey()
    {
        await using var api = await SimulatorApi.StartAsync();
        api.Simulator.RateLimitPerSecond = 1;

        await api.GetAsync("/users");
        var throttled = await api.PostAsync("/user-groups", """{"name":"G"}""", idempotencyKey: "k");
        var refused = await api.SendAsync(HttpMethod.Post, "/user-groups", """{"name":"G"}""", key: "nope", idempotencyKey: "k");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var served = await api.PostAsync("/user-groups", """{"name":"G"}""", idempotencyKey: "k");

        Assert.That((throttled.Status, refused.Status, served.Status), Is.EqualTo((429, 401, 201)));
    }
}
