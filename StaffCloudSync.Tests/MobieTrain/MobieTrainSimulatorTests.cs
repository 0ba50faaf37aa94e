using System.Text.Json;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The simulator implements the contract: keys and accounts, paging, validation, conflicts, idempotency, acceptance, rate limit, outage.</summary>
public sealed class MobieTrainSimulatorTests
{
    private const string Account = SimulatorApi.Account;

    private const string Invitation = """{"externalId":"7","firstName":"Ana","lastName":"Lopez","email":"ana@example.com","language":"de","userGroupIds":[]}""";

    [Test]
    public async Task Keys_ReachOnlyTheirAccounts()
    {
        await using var api = await SimulatorApi.StartAsync();

        var missing = await api.GetAsync("/users", key: null);
        var unknown = await api.GetAsync("/users", key: "nope");
        var outside = await api.GetAsync("/users", key: SimulatorApi.Key, account: SimulatorApi.OtherAccount);
        var inside = await api.GetAsync("/users", key: SimulatorApi.Key);
        var both = await api.GetAsync("/users", key: SimulatorApi.KeyForBoth, account: SimulatorApi.OtherAccount);
        var noAccount = await api.GetAsync("/users", key: SimulatorApi.KeyForBoth, account: "nowhere");
        api.Simulator.AddApiKey("key-c", "nowhere");
        var unknownAccount = await api.GetAsync("/users", key: "key-c", account: "nowhere");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((missing.Status, missing.ErrorCode), Is.EqualTo((401, "unauthorized")));
            Assert.That((unknown.Status, unknown.ErrorCode), Is.EqualTo((401, "unauthorized")));
            Assert.That((outside.Status, outside.ErrorCode), Is.EqualTo((403, "forbidden")));
            Assert.That(inside.Status, Is.EqualTo(200));
            Assert.That(both.Status, Is.EqualTo(200));
            Assert.That(noAccount.Status, Is.EqualTo(403));
            Assert.That((unknownAccount.Status, unknownAccount.ErrorCode), Is.EqualTo((404, "not_found")));
        }
    }

    [Test]
    public async Task Lists_PageWithAnOpaqueCursorOf100ByDefault_AndStayCorrectUnderChanges()
    {
        await using var api = await SimulatorApi.StartAsync();
        var ids = Enumerable.Range(0, 250).Select(i => api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = $"G{i}" }).Id).ToList();

        var first = await api.GetAsync("/user-groups");
        api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Id = "late", Name = "Added while paging" });
        var second = await api.GetAsync($"/user-groups?cursor={Uri.EscapeDataString(first.NextCursor!)}");
        var third = await api.GetAsync($"/user-groups?cursor={Uri.EscapeDataString(second.NextCursor!)}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ItemIds, Is.EqualTo(ids.Take(100)));
            Assert.That(first.NextCursor, Does.Not.Match("^[0-9]+$"), "opaque, not an offset");
            Assert.That(second.ItemIds, Is.EqualTo(ids.Skip(100).Take(100)));
            Assert.That(third.ItemIds, Is.EqualTo(ids.Skip(200).Append("late")));
            Assert.That(third.Body!.AsObject().ContainsKey("nextCursor"), Is.True);
            Assert.That(third.NextCursor, Is.Null);
        }
    }

    [Test]
    public async Task RecordDeletedBetweenPages_MovesNothingElse()
    {
        await using var api = await SimulatorApi.StartAsync();
        var ids = Enumerable.Range(0, 5).Select(i => api.Simulator.SeedUser(Account, new MobieTrainUserResource { FirstName = "A", LastName = $"{i}" }).Id).ToList();

        var first = await api.GetAsync("/users?limit=2");
        await api.DeleteAsync($"/users/{ids[0]}");
        await api.DeleteAsync($"/users/{ids[2]}");
        var second = await api.GetAsync($"/users?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.That(first.ItemIds, Is.EqualTo(ids.Take(2)));
        Assert.That(second.ItemIds, Is.EqualTo(new[] { ids[3], ids[4] }), "nothing skipped, nothing twice");
        Assert.That(second.NextCursor, Is.Null);
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("-5")]
    [TestCase("ten")]
    public async Task LimitOutside1To1000_Is400(string limit)
    {
        await using var api = await SimulatorApi.StartAsync();

        var answer = await api.GetAsync($"/invitations?limit={limit}");

        Assert.That((answer.Status, answer.ErrorCode), Is.EqualTo((400, "invalid_request")));
        Assert.That(answer.ErrorMessage, Does.Contain("limit"));
    }

    [Test]
    public async Task Limits1And1000_AreServed_AndAForeignCursorIs400()
    {
        await using var api = await SimulatorApi.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            api.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = $"G{i}" });
        }

        var one = await api.GetAsync("/user-groups?limit=1");
        var thousand = await api.GetAsync("/user-groups?limit=1000");
        var foreign = await api.GetAsync($"/users?cursor={Uri.EscapeDataString(one.NextCursor!)}");
        var garbage = await api.GetAsync("/users?cursor=%%%");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.ItemIds, Has.Count.EqualTo(1));
            Assert.That(thousand.ItemIds, Has.Count.EqualTo(3));
            Assert.That(thousand.NextCursor, Is.Null);
            Assert.That(foreign.Status, Is.EqualTo(400), "a groups cursor on the users list");
            Assert.That(garbage.Status, Is.EqualTo(400));
        }
    }

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

    [Test]
    public async Task RateLimit_Answers429WithAWholeSecondRetryAfter_PerAccount()
    {
        await using var api = await SimulatorApi.StartAsync();
        api.Simulator.RateLimitPerSecond = 3;

        var answers = new List<SimulatorApi.Answer>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await api.GetAsync("/users"));
        }

        var otherAccount = await api.GetAsync("/users", key: SimulatorApi.KeyForBoth, account: SimulatorApi.OtherAccount);
        api.Clock.Advance(TimeSpan.FromMilliseconds(999));
        var sameWindow = await api.GetAsync("/users");
        api.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var nextWindow = await api.GetAsync("/users");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Select(a => a.Status), Is.EqualTo(new[] { 200, 200, 200, 429 }));
            Assert.That(answers[3].ErrorCode, Is.EqualTo("rate_limited"));
            Assert.That(answers[3].RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(otherAccount.Status, Is.EqualTo(200), "each account has its own budget");
            Assert.That((sameWindow.Status, sameWindow.RetryAfter), Is.EqualTo((429, (TimeSpan?)TimeSpan.FromSeconds(1))), "at least one second");
            Assert.That(nextWindow.Status, Is.EqualTo(200));
            Assert.That(api.Simulator.Requests.Throttled, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task WithoutARateLimit_NothingIsThrottled()
    {
        await using var api = await SimulatorApi.StartAsync();

        for (var i = 0; i < 50; i++)
        {
            Assert.That((await api.GetAsync("/user-groups")).Status, Is.EqualTo(200));
        }

        Assert.That(api.Simulator.Requests.Throttled, Is.Zero);
    }

    [Test]
    public async Task AfterNWrites_EveryRequestMeetsTheOutage_UntilItEnds()
    {
        await using var api = await SimulatorApi.StartAsync();
        api.Simulator.OutageAfterWrites(2);

        var first = await api.PostAsync("/user-groups", """{"name":"A"}""");
        var read = await api.GetAsync("/user-groups");
        var second = await api.PostAsync("/user-groups", """{"name":"B"}""");
        var third = await api.PostAsync("/user-groups", """{"name":"C"}""");
        var readAfter = await api.GetAsync("/user-groups");
        api.Simulator.EndOutage();
        var recovered = await api.PostAsync("/user-groups", """{"name":"D"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((first.Status, read.Status, second.Status), Is.EqualTo((201, 200, 201)));
            Assert.That((third.Status, third.ErrorCode), Is.EqualTo((503, "unavailable")));
            Assert.That(readAfter.Status, Is.EqualTo(503));
            Assert.That(recovered.Status, Is.EqualTo(201));
            Assert.That(api.Simulator.GetContents(Account).UserGroups.Select(g => g.Name), Is.EqualTo(new[] { "A", "B", "D" }));
        }
    }

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

    [Test]
    public async Task UnknownPaths_Are404_WithTheErrorBody()
    {
        await using var api = await SimulatorApi.StartAsync();

        var answer = await api.GetAsync("/employees");

        Assert.That((answer.Status, answer.ErrorCode), Is.EqualTo((404, "not_found")));
    }
}
