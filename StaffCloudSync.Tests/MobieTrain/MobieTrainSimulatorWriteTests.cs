using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The simulator's writes: what a body must hold to be accepted, and what creating and patching invitations and users change.</summary>
public sealed class MobieTrainSimulatorWriteTests
{
    private const string Account = SimulatorApi.Account;

    [TestCase("""{"lastName":"L","email":"a@example.com"}""", "firstName is required")]
    [TestCase("""{"firstName":"  ","lastName":"L","email":"a@example.com"}""", "firstName is required")]
    [TestCase("""{"firstName":"F","email":"a@example.com"}""", "lastName is required")]
    [TestCase("""{"firstName":"F","lastName":"L"}""", "email or phone is required")]
    [TestCase("""{"firstName":"F","lastName":"L","email":"","phone":null}""", "email or phone is required")]
    [TestCase("""{"firstName":"F","lastName":"L","phone":"+41791234567","userGroupIds":["ug-x"]}""", "unknown user group: ug-x")]
    public async Task InvalidInvitation_Is422(string body, string message)
    {
        await using var api = await SimulatorApi.StartAsync();

        var answer = await api.PostAsync("/invitations", body);

        Assert.That((answer.Status, answer.ErrorCode), Is.EqualTo((422, "validation")));
        Assert.That(answer.ErrorMessage, Does.Contain(message));
        Assert.That(api.Simulator.GetContents(Account).Invitations, Is.Empty);
    }

    [Test]
    public async Task NamesLongerThan255Characters_Are422_And255IsAccepted()
    {
        await using var api = await SimulatorApi.StartAsync();

        var tooLong = await api.PostAsync("/invitations", $$"""{"firstName":"{{new string('a', 256)}}","lastName":"L","email":"a@example.com"}""");
        var longest = await api.PostAsync("/invitations", $$"""{"firstName":"{{new string('a', 255)}}","lastName":"L","email":"a@example.com"}""");
        var group = await api.PostAsync("/user-groups", $$"""{"name":"{{new string('g', 256)}}"}""");

        Assert.That(tooLong.Status, Is.EqualTo(422));
        Assert.That(tooLong.ErrorMessage, Does.Contain("longer than 255"));
        Assert.That(longest.Status, Is.EqualTo(201));
        Assert.That(group.Status, Is.EqualTo(422));
    }

    [Test]
    public async Task BodiesThatAreNotAJSONObjectOrHaveWrongTypes_Are400()
    {
        await using var api = await SimulatorApi.StartAsync();

        var notJson = await api.PostAsync("/user-groups", "name=x");
        var array = await api.PostAsync("/user-groups", "[]");
        var wrongType = await api.PostAsync("/invitations", """{"firstName":1,"lastName":"L","email":"a@example.com"}""");
        var wrongList = await api.PostAsync("/invitations", """{"firstName":"F","lastName":"L","email":"a@example.com","userGroupIds":"ug-1"}""");

        Assert.That(new[] { notJson.Status, array.Status, wrongType.Status, wrongList.Status }, Has.All.EqualTo(400));
    }

    [Test]
    public async Task Invitation_IsCreatedAtTheClocksNow_AndItsEmailAndPhoneCannotChange()
    {
        await using var api = await SimulatorApi.StartAsync();
        var group = api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "G" });

        var created = await api.PostAsync("/invitations",
            $$"""{"externalId":"7","firstName":"Ana","lastName":"Lopez","phone":"+41791234567","userGroupIds":["{{group.Id}}"]}""");
        var emailChange = await api.PatchAsync($"/invitations/{created.Id}", """{"email":"new@example.com"}""");
        var phoneChange = await api.PatchAsync($"/invitations/{created.Id}", """{"phone":null}""");
        var update = await api.PatchAsync($"/invitations/{created.Id}", """{"lastName":"López","language":"es","userGroupIds":[]}""");
        var gone = await api.PatchAsync("/invitations/inv-none", """{"lastName":"X"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Status, Is.EqualTo(201));
            Assert.That(created.Body!["createdAt"]!.GetValue<string>(), Is.EqualTo("2026-03-01T02:00:00Z"));
            Assert.That(created.Body["email"], Is.Null);
            Assert.That(created.Body["language"]!.GetValue<string>(), Is.EqualTo("en"), "the default when none is chosen");
            Assert.That(emailChange.Status, Is.EqualTo(422));
            Assert.That(phoneChange.Status, Is.EqualTo(422));
            Assert.That(update.Status, Is.EqualTo(200));
            Assert.That(gone.Status, Is.EqualTo(404));
            var stored = api.Simulator.GetContents(Account).Invitations.Single();
            Assert.That((stored.LastName, stored.Language, stored.Phone, stored.UserGroupIds.Count), Is.EqualTo(("López", "es", "+41791234567", 0)));
        }
    }

    [Test]
    public async Task UserPatch_ChangesTheFieldsSent_ReplacesTheGroupSet_AndRefusesUnknownGroups()
    {
        await using var api = await SimulatorApi.StartAsync();
        var a = api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "A" });
        var b = api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "B" });
        var user = api.Simulator.SeedUser(Account, new MobieTrainUserResource
        {
            ExternalId = "1", FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", UserGroupIds = [a.Id],
        });

        var patched = await api.PatchAsync($"/users/{user.Id}", $$"""{"email":"ana@new.example","userGroupIds":["{{b.Id}}"]}""");
        var unknown = await api.PatchAsync($"/users/{user.Id}", """{"userGroupIds":["ug-none"]}""");
        var emptyName = await api.PatchAsync($"/users/{user.Id}", """{"firstName":""}""");
        var gone = await api.PatchAsync("/users/u-none", """{"firstName":"A"}""");
        var deleted = await api.DeleteAsync($"/users/{user.Id}");
        var deletedAgain = await api.DeleteAsync($"/users/{user.Id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patched.Status, Is.EqualTo(200));
            Assert.That(patched.Body!["firstName"]!.GetValue<string>(), Is.EqualTo("Ana"), "fields not sent stay");
            Assert.That(patched.Body["email"]!.GetValue<string>(), Is.EqualTo("ana@new.example"));
            Assert.That(patched.Body["userGroupIds"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { b.Id }));
            Assert.That((unknown.Status, emptyName.Status, gone.Status), Is.EqualTo((422, 422, 404)));
            Assert.That((deleted.Status, deletedAgain.Status), Is.EqualTo((204, 404)));
        }
    }
}
