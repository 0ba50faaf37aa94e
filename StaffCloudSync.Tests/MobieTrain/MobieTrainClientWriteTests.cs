using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>Every write: its path and exact body, its idempotency key, and what 404 and 422 mean for it.</summary>
public sealed class MobieTrainClientWriteTests
{
    private const string Account = MobieTrainHarness.Account;

    [Test]
    public async Task CreateUserGroup_PostsNameAndExternalId_AndReturnsTheNewGroup()
    {
        await using var context = await MobieTrainHarness.StartAsync();

        var group = await context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "Spring Fair (2026-03-05)", "staffcloud-event-10",
            CancellationToken.None);

        var request = context.Served("POST", "/user-groups").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Path, Is.EqualTo($"/v1/accounts/{Account}/user-groups"));
            Assert.That(request.Body, Is.EqualTo("""{"name":"Spring Fair (2026-03-05)","externalId":"staffcloud-event-10"}"""));
            Assert.That(request.Status, Is.EqualTo(201));
            Assert.That(group.Name, Is.EqualTo("Spring Fair (2026-03-05)"));
            Assert.That(group.ExternalId, Is.EqualTo("staffcloud-event-10"));
            Assert.That(context.Contents().UserGroups.Single().Id, Is.EqualTo(group.Id));
        }
    }

    [Test]
    public async Task RenameUserGroup_PatchesOnlyTheName()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var group = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Old", ExternalId = "staffcloud-event-1" });

        await context.Client.RenameUserGroupAsync(MobieTrainHarness.Target(), group.Id, "New", CancellationToken.None);

        var request = context.Served("PATCH", $"/user-groups/{group.Id}").Single();
        Assert.That(request.Body, Is.EqualTo("""{"name":"New"}"""));
        Assert.That(context.Contents().UserGroups.Single(), Is.EqualTo(group with { Name = "New" }));
    }

    [Test]
    public async Task UpdateUser_SendsOnlyTheFieldsThatChange_AndReplacesTheGroupSet()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var a = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "A" });
        var b = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "B" });
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource
        {
            ExternalId = "1", FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", Language = "de", UserGroupIds = [a.Id],
        });

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target(), user.Id,
            new PersonPatch(LastName: "López", Phone: "+41791234567", UserGroupIds: [b.Id]), CancellationToken.None);

        var request = context.Served("PATCH", $"/users/{user.Id}").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Body, Is.EqualTo("""{"lastName":"L\u00F3pez","phone":"\u002B41791234567","userGroupIds":["ug-2"]}"""));
            var stored = context.Contents().Users.Single();
            Assert.That(stored with { UserGroupIds = [] }, Is.EqualTo(user with { LastName = "López", Phone = "+41791234567", UserGroupIds = [] }));
            Assert.That(stored.UserGroupIds, Is.EqualTo(new[] { b.Id }), "the set is replaced, not added to");
        }
    }

    [Test]
    public async Task UpdateInvitation_SendsOnlyTheFieldsThatChange()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var invitation = context.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "3", FirstName = "Cy", LastName = "Cole", Email = "cy@example.com", Language = "en",
        });

        await context.Client.UpdateInvitationAsync(MobieTrainHarness.Target(), invitation.Id, new PersonPatch(FirstName: "Cyril", Language: "fr"),
            CancellationToken.None);

        Assert.That(context.Served("PATCH", $"/invitations/{invitation.Id}").Single().Body, Is.EqualTo("""{"firstName":"Cyril","language":"fr"}"""));
        Assert.That(context.Contents().Invitations.Single(), Is.EqualTo(invitation with { FirstName = "Cyril", Language = "fr" }));
    }

    [Test]
    public async Task CreateInvitation_PostsTheProfile_LeavesOutAnAbsentContact_AndReturnsTheInvitation()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var group = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Fair", ExternalId = "staffcloud-event-10" });

        var invitation = await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", null, "+41791234567", "de", [group.Id]), CancellationToken.None);

        var request = context.Served("POST", "/invitations").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Body, Is.EqualTo(
                """{"externalId":"7","firstName":"Ana","lastName":"Lopez","phone":"\u002B41791234567","language":"de","userGroupIds":["ug-1"]}"""));
            Assert.That(invitation.ExternalId, Is.EqualTo("7"));
            Assert.That(invitation.Profile, Is.EqualTo(new MobieTrainProfile("Ana", "Lopez", null, "+41791234567", "de")));
            Assert.That(invitation.UserGroupIds, Is.EqualTo(new[] { group.Id }));
            Assert.That(invitation.CreatedAt, Is.EqualTo(MobieTrainHarness.Now), "the simulator's clock");
            Assert.That(context.Contents().Invitations.Single().Id, Is.EqualTo(invitation.Id));
        }
    }

    [Test]
    public async Task Deletes_RemoveTheRecord_AndA404CountsAsDone()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });
        var invitation = context.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "2", FirstName = "C", LastName = "D", Email = "c@example.com",
        });
        var target = MobieTrainHarness.Target();

        await context.Client.DeleteUserAsync(target, user.Id, CancellationToken.None);
        await context.Client.DeleteInvitationAsync(target, invitation.Id, CancellationToken.None);
        await context.Client.DeleteUserAsync(MobieTrainHarness.Target("run-2"), user.Id, CancellationToken.None);
        await context.Client.DeleteInvitationAsync(MobieTrainHarness.Target("run-2"), "inv-gone", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(context.Contents().Users, Is.Empty);
            Assert.That(context.Contents().Invitations, Is.Empty);
            Assert.That(context.Simulator.ServedRequests.Where(r => r.Method == "DELETE").Select(r => r.Status), Is.EqualTo(new[] { 204, 204, 404, 404 }));
        }
    }

    [Test]
    public async Task EveryWrite_CarriesTheIdempotencyKeyOfTenantRunActionRecordAndBody()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var group = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "G" });
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });
        var invitation = context.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "2", FirstName = "C", LastName = "D", Email = "c@example.com",
        });
        var target = MobieTrainHarness.Target();
        var client = context.Client;

        await client.CreateUserGroupAsync(target, "New", "staffcloud-event-1", CancellationToken.None);
        await client.RenameUserGroupAsync(target, group.Id, "G2", CancellationToken.None);
        await client.UpdateUserAsync(target, user.Id, new PersonPatch(FirstName: "Al"), CancellationToken.None);
        await client.UpdateInvitationAsync(target, invitation.Id, new PersonPatch(LastName: "Dee"), CancellationToken.None);
        await client.CreateInvitationAsync(target, new NewInvitation("3", "E", "F", "e@example.com", null, "en", []), CancellationToken.None);
        await client.DeleteInvitationAsync(target, invitation.Id, CancellationToken.None);
        await client.DeleteUserAsync(target, user.Id, CancellationToken.None);

        var writes = context.Simulator.ServedRequests.Where(r => r.IsWrite).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(writes, Has.Count.EqualTo(7));
            Assert.That(writes.Select(w => w.IdempotencyKey), Has.All.Not.Null);
            Assert.That(writes.Select(w => w.IdempotencyKey), Is.Unique);
            Assert.That(writes[2].IdempotencyKey, Is.EqualTo(IdempotencyKey.Derive(
                MobieTrainHarness.Tenant, MobieTrainHarness.RunId, "update-user", user.Id, """{"firstName":"Al"}""")));
            Assert.That(writes[4].IdempotencyKey, Is.EqualTo(IdempotencyKey.Derive(
                MobieTrainHarness.Tenant, MobieTrainHarness.RunId, "create-invitation", "3", writes[4].Body)));
            Assert.That(writes[6].IdempotencyKey, Is.EqualTo(IdempotencyKey.Derive(
                MobieTrainHarness.Tenant, MobieTrainHarness.RunId, "delete-user", user.Id, string.Empty)));
        }
    }

    [Test]
    public async Task SameChangeInAnotherRun_HasAnotherKey()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });

        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-1"), user.Id, new PersonPatch(FirstName: "Al"), CancellationToken.None);
        await context.Client.UpdateUserAsync(MobieTrainHarness.Target("run-2"), user.Id, new PersonPatch(FirstName: "Al"), CancellationToken.None);

        var keys = context.Served("PATCH", $"/users/{user.Id}").Select(r => r.IdempotencyKey).ToList();
        Assert.That(keys[0], Is.Not.EqualTo(keys[1]));
    }

    [Test]
    public async Task PatchOfARecordThatIsGone_FailsThatRecord()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var target = MobieTrainHarness.Target();

        var user = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.UpdateUserAsync(target, "u-gone", new PersonPatch(FirstName: "A"), CancellationToken.None));
        var invitation = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.UpdateInvitationAsync(target, "inv-gone", new PersonPatch(FirstName: "A"), CancellationToken.None));
        var group = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.RenameUserGroupAsync(target, "ug-gone", "A", CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { user!.StatusCode, invitation!.StatusCode, group!.StatusCode }, Has.All.EqualTo(404));
            Assert.That(user.Message, Does.Contain("PATCH /users/u-gone").And.Contain("no longer exists"));
        }
    }

    [Test]
    public async Task A422_FailsThatRecord_WithTheServersMessage()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "1", FirstName = "A", LastName = "B" });
        var invitation = context.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "2", FirstName = "C", LastName = "D", Email = "c@example.com",
        });
        var target = MobieTrainHarness.Target();

        var unknownGroup = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.UpdateUserAsync(target, user.Id, new PersonPatch(UserGroupIds: ["ug-nope"]), CancellationToken.None));
        var noContact = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.CreateInvitationAsync(target, new NewInvitation("5", "E", "F", null, null, "en", []), CancellationToken.None));
        var contactChange = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.UpdateInvitationAsync(target, invitation.Id, new PersonPatch(Email: "new@example.com"), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknownGroup!.StatusCode, Is.EqualTo(422));
            Assert.That(unknownGroup.ErrorCode, Is.EqualTo("validation"));
            Assert.That(unknownGroup.Message, Does.Contain("unknown user group: ug-nope"));
            Assert.That(noContact!.Message, Does.Contain("email or phone is required"));
            Assert.That(contactChange!.Message, Does.Contain("email and phone of an invitation cannot change"));
            Assert.That(context.Contents().Invitations, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task LongServerMessage_IsCut()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "PATCH", Path = "/users/u-1", Status = 400,
            Body = $$$"""{"error": {"code": "invalid_request", "message": "{{{new string('x', 5000)}}}"}}""",
        }]);

        var failure = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.UpdateUserAsync(MobieTrainHarness.Target(), "u-1", new PersonPatch(FirstName: "A"), CancellationToken.None));

        Assert.That(failure!.StatusCode, Is.EqualTo(400));
        Assert.That(failure.Message, Has.Length.LessThan(400).And.Contain("xxxx"));
    }
}
