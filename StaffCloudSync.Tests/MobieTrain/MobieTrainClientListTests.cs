using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>Lists: every page streamed in order, tolerant record parsing, and answers that are not a page.</summary>
public sealed class MobieTrainClientListTests
{
    [Test]
    public async Task Users_AreStreamedAcrossEveryPageInOrder()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var seeded = Enumerable.Range(1, 2350)
            .Select(i => context.Simulator.SeedUser(MobieTrainHarness.Account, new MobieTrainUserResource
            {
                ExternalId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FirstName = "First",
                LastName = "Last",
                Email = $"person{i}@example.com",
                RegisteredAt = MobieTrainHarness.Now,
            }).Id)
            .ToList();

        var users = await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        var requests = context.Served("GET", "/users");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(users.Select(u => u.Id), Is.EqualTo(seeded), "all records, in the API's order");
            Assert.That(requests, Has.Count.EqualTo(5), "2,350 records at 500 a page");
            Assert.That(requests.Select(r => r.Query), Has.All.Contains("limit=500"));
            Assert.That(requests[0].Query, Does.Not.Contain("cursor="));
            Assert.That(requests.Skip(1).Select(r => r.Query), Has.All.Contains("cursor="));
        }
    }

    [Test]
    public async Task Records_AreReadWithEveryFieldOfTheContract()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var account = MobieTrainHarness.Account;
        var group = context.Simulator.SeedUserGroup(account, new MobieTrainUserGroupResource { Name = "Spring Fair", ExternalId = "staffcloud-event-10" });
        context.Simulator.SeedUserGroup(account, new MobieTrainUserGroupResource { Id = "g-manual", Name = "Default Group" });
        context.Simulator.SeedUser(account, new MobieTrainUserResource
        {
            Id = "u-1", ExternalId = "2", FirstName = "Bo", LastName = "Berg", Email = "bo@example.com", Phone = "+41791234567",
            Language = "de", UserGroupIds = [group.Id], RegisteredAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
        context.Simulator.SeedInvitation(account, new MobieTrainInvitationResource
        {
            Id = "i-1", ExternalId = "3", FirstName = "Cy", LastName = "Cole", Email = "cy@example.com", Language = "fr",
            CreatedAt = new DateTimeOffset(2025, 8, 1, 12, 30, 0, TimeSpan.Zero),
        });
        var target = MobieTrainHarness.Target();

        var groups = await context.Client.GetUserGroupsAsync(target, CancellationToken.None).ToListAsync();
        var user = (await context.Client.GetUsersAsync(target, CancellationToken.None).ToListAsync()).Single();
        var invitation = (await context.Client.GetInvitationsAsync(target, CancellationToken.None).ToListAsync()).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(groups, Is.EqualTo(new[]
            {
                new Core.Partners.MobieTrain.MobieTrainUserGroup(group.Id, "Spring Fair", "staffcloud-event-10"),
                new Core.Partners.MobieTrain.MobieTrainUserGroup("g-manual", "Default Group", null),
            }));
            Assert.That(user.Id, Is.EqualTo("u-1"));
            Assert.That(user.ExternalId, Is.EqualTo("2"));
            Assert.That(user.Profile, Is.EqualTo(new Core.Partners.MobieTrain.MobieTrainProfile("Bo", "Berg", "bo@example.com", "+41791234567", "de")));
            Assert.That(user.UserGroupIds, Is.EqualTo(new[] { group.Id }));
            Assert.That(user.RegisteredAt, Is.EqualTo(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(invitation.Profile, Is.EqualTo(new Core.Partners.MobieTrain.MobieTrainProfile("Cy", "Cole", "cy@example.com", null, "fr")));
            Assert.That(invitation.UserGroupIds, Is.Empty);
            Assert.That(invitation.CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 8, 1, 12, 30, 0, TimeSpan.Zero)));
        }
    }

    [Test]
    public async Task UnknownFields_AreIgnored_MissingGroupsAreEmpty_AndAnyISO8601OffsetIsRead()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "GET", Path = "/users", Status = 200,
            Body = """
                   {"items": [{"id": 42, "externalId": "7", "firstName": "Ana", "lastName": "Lopez", "language": "de",
                               "registeredAt": "2026-03-01T03:00:00.5+01:00", "avatarUrl": "x", "tags": [1, 2]}],
                    "nextCursor": null, "total": 1}
                   """,
        }]);

        var user = (await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync()).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.Id, Is.EqualTo("42"), "a numeric id is read as its digits");
            Assert.That(user.UserGroupIds, Is.Empty);
            Assert.That(user.Profile.Email, Is.Null);
            Assert.That(user.RegisteredAt, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 2, 0, 0, 500, TimeSpan.Zero)));
            Assert.That(user.RegisteredAt!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
        }
    }

    [TestCase("<html>Bad gateway</html>", TestName = "Not JSON")]
    [TestCase("[]", TestName = "An array")]
    [TestCase("""{"data": [], "next": null}""", TestName = "Other field names")]
    [TestCase("""{"items": {}, "nextCursor": null}""", TestName = "Items not a list")]
    [TestCase("""{"items": []}""", TestName = "No nextCursor")]
    [TestCase("""{"items": [], "nextCursor": 5}""", TestName = "nextCursor not a string")]
    [TestCase("""{"items": [{"firstName": "A"}], "nextCursor": null}""", TestName = "A record without id")]
    [TestCase("""{"items": ["u-1"], "nextCursor": null}""", TestName = "A record that is not an object")]
    [TestCase("""{"items": [{"id": "u-1", "userGroupIds": "g-1"}], "nextCursor": null}""", TestName = "Groups not a list")]
    [TestCase("""{"items": [{"id": "u-1", "registeredAt": "yesterday"}], "nextCursor": null}""", TestName = "A timestamp that is not one")]
    public async Task PageThatIsNotWhatTheAPIReturns_FailsTheRunAsInvalidResponse(string body)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault { Method = "GET", Path = "/users", Status = 200, Body = body }]);

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(failure.TenantId, Is.EqualTo(MobieTrainHarness.Tenant));
            Assert.That(failure.Message, Does.Contain("GET /users").And.Contain(MobieTrainHarness.Account).And.Contain(MobieTrainHarness.Tenant));
        }
    }

    [Test]
    public async Task CursorHandedOutTwice_Fails_InsteadOfPagingForever()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "GET", Path = "/user-groups", Status = 200, Times = 3,
            Body = """{"items": [{"id": "g-1", "name": "A"}], "nextCursor": "same"}""",
        }]);

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUserGroupsAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
            Assert.That(failure.Message, Does.Contain("cursor"));
            Assert.That(context.Simulator.Requests.Reads, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task EmptyAccount_IsOneRequestAndNoRecords()
    {
        await using var context = await MobieTrainHarness.StartAsync();

        var invitations = await context.Client.GetInvitationsAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync();

        Assert.That(invitations, Is.Empty);
        Assert.That(context.Served("GET", "/invitations"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AccountId_IsEscapedIntoThePath()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        const string account = "acme eu+1ä";
        context.Simulator.AddApiKey(MobieTrainHarness.ApiKey, MobieTrainHarness.Account, account);
        context.Simulator.SeedUserGroup(account, new MobieTrainUserGroupResource { Name = "Only here" });

        var groups = await context.Client.GetUserGroupsAsync(MobieTrainHarness.Target(account: account), CancellationToken.None).ToListAsync();

        Assert.That(groups.Select(g => g.Name), Is.EqualTo(new[] { "Only here" }));
    }
}
