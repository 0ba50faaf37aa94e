using System.Text.Json;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The simulator's state behind the API, as the sandbox changes it: an invitation accepted, a manual edit, seeding and the state read back.</summary>
public sealed class MobieTrainSimulatorStateTests
{
    private const string Account = SimulatorApi.Account;

    [Test]
    public async Task AcceptedInvitation_BecomesAUserWithItsProfileAndGroups()
    {
        await using var api = await SimulatorApi.StartAsync();
        var group = api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "G", ExternalId = "staffcloud-event-1" });
        var invitation = api.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "7", FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", Phone = "+41791234567", Language = "de",
            UserGroupIds = [group.Id], CreatedAt = MobieTrainHarness.Now,
        });
        var registeredAt = MobieTrainHarness.Now.AddHours(12);

        var user = api.Simulator.AcceptInvitation(Account, "7", registeredAt);

        var users = await api.GetAsync("/users");
        var invitations = await api.GetAsync("/invitations");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.Id, Is.Not.EqualTo(invitation.Id));
            Assert.That(user, Is.EqualTo(new MobieTrainUserResource
            {
                Id = user.Id, ExternalId = "7", FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", Phone = "+41791234567",
                Language = "de", UserGroupIds = invitation.UserGroupIds, RegisteredAt = registeredAt,
            }));
            Assert.That(users.ItemIds, Is.EqualTo(new[] { user.Id }));
            Assert.That(users.Body!["items"]![0]!["registeredAt"]!.GetValue<string>(), Is.EqualTo("2026-03-01T14:00:00Z"));
            Assert.That(invitations.ItemIds, Is.Empty);
            Assert.That(() => api.Simulator.AcceptInvitation(Account, "7", registeredAt), Throws.InvalidOperationException);
        }
    }

    [Test]
    public async Task ManualEdit_MergesTheGivenFieldsIntoTheUser_OrAddsOne()
    {
        await using var api = await SimulatorApi.StartAsync();
        var user = api.Simulator.SeedUser(Account, new MobieTrainUserResource
        {
            ExternalId = "2", FirstName = "Bo", LastName = "Berg", Email = "bo@example.com", Language = "en",
        });

        var edited = api.Simulator.UpsertUser(Account, new MobieTrainUserEdit { ExternalId = "2", LastName = "Borg", Language = "sv" });
        var added = api.Simulator.UpsertUser(Account, new MobieTrainUserEdit { ExternalId = "9", FirstName = "New", LastName = "Person" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(edited, Is.EqualTo(user with { LastName = "Borg", Language = "sv" }));
            Assert.That(added.ExternalId, Is.EqualTo("9"));
            Assert.That(added.RegisteredAt, Is.EqualTo(MobieTrainHarness.Now));
            Assert.That(api.Simulator.GetContents(Account).Users.Select(u => u.Id), Is.EqualTo(new[] { user.Id, added.Id }));
        }
    }

    [Test]
    public async Task Seeding_KeepsGivenIds_GeneratesMissingOnes_AndTheStateReadsBackInTheContractsShape()
    {
        await using var api = await SimulatorApi.StartAsync();

        var seeded = api.Simulator.Seed(Account, new MobieTrainContents
        {
            UserGroups = [new MobieTrainUserGroupResource { Id = "ug-1", Name = "Default Group" }, new MobieTrainUserGroupResource { Name = "Other" }],
            Users = [new MobieTrainUserResource
            {
                ExternalId = "2", FirstName = "Bo", LastName = "Berg", Email = "bo@example.com", UserGroupIds = ["ug-1"],
                RegisteredAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            }],
        });

        var json = JsonSerializer.Serialize(api.Simulator.GetContents(Account), MobieTrainSimulatorJson.Options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(seeded.UserGroups.Select(g => g.Id), Is.EqualTo(new[] { "ug-1", "ug-2" }), "a generated id steps over a seeded one");
            Assert.That(json, Is.EqualTo("""
                {"userGroups":[{"id":"ug-1","name":"Default Group","externalId":null},{"id":"ug-2","name":"Other","externalId":null}],
                "users":[{"id":"u-3","externalId":"2","firstName":"Bo","lastName":"Berg","email":"bo@example.com","phone":null,
                "language":"en","userGroupIds":["ug-1"],"registeredAt":"2025-01-01T00:00:00Z"}],"invitations":[]}
                """.ReplaceLineEndings(string.Empty)));
            Assert.That(() => api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Id = "ug-1", Name = "Again" }),
                Throws.InvalidOperationException);
        }
    }
}
