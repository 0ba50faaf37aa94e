using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Sandbox.Simulators;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// A create answered 409: our own record (same externalId — a lost answer or an earlier run) is the result; someone
/// else's record fails this one write (record-level), never the run.
/// </summary>
public sealed class MobieTrainClientConflictTests
{
    private const string Account = MobieTrainHarness.Account;

    [Test]
    public async Task GroupCreateMeetingOurOwnGroup_ReturnsIt()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var ours = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Fair (old name)", ExternalId = "staffcloud-event-10" });

        var group = await context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "Fair", "staffcloud-event-10", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(group, Is.EqualTo(new MobieTrainUserGroup(ours.Id, ours.Name, "staffcloud-event-10")));
            Assert.That(context.Served("POST", "/user-groups").Single().Status, Is.EqualTo(409));
            Assert.That(context.Contents().UserGroups, Has.Count.EqualTo(1));
            Assert.That(context.Logs.GetSnapshot().Select(l => l.Id.Id), Does.Contain(1403));
        }
    }

    [Test]
    public async Task GroupNameTakenByAnotherExternalId_FailsThatRecord()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var other = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Spring Fair", ExternalId = "hr-import-1" });

        var failure = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "spring fair", "staffcloud-event-10", CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.StatusCode, Is.EqualTo(409));
            Assert.That(failure.ErrorCode, Is.EqualTo("conflict"));
            Assert.That(failure.Message, Does.Contain($"the name is taken by group {other.Id}"));
            Assert.That(context.Contents().UserGroups, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Group409ThatNamesNoRecord_IsResolvedFromTheList()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var ours = context.Simulator.SeedUserGroup(Account, new MobieTrainUserGroupResource { Name = "Fair", ExternalId = "staffcloud-event-10" });
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "POST", Path = "/user-groups", Status = 409, Body = """{"error": {"code": "conflict", "message": "exists"}}""",
        }]);

        var group = await context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "Fair", "staffcloud-event-10", CancellationToken.None);

        Assert.That(group.Id, Is.EqualTo(ours.Id));
        Assert.That(context.Served("GET", "/user-groups"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Group409ThatNamesNothingAndListsNothing_FailsThatRecord()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "POST", Path = "/user-groups", Status = 409, Body = """{"error": {"code": "conflict", "message": "exists"}}""",
        }]);

        var failure = Assert.ThrowsAsync<MobieTrainRecordException>(() =>
            context.Client.CreateUserGroupAsync(MobieTrainHarness.Target(), "Fair", "staffcloud-event-10", CancellationToken.None));

        Assert.That(failure!.StatusCode, Is.EqualTo(409));
        Assert.That(failure.Message, Does.Contain("exists"));
    }

    [Test]
    public async Task InvitationCreateMeetingOurOwnPendingInvitation_ReturnsIt()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var ours = context.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource
        {
            ExternalId = "7", FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", Language = "de", CreatedAt = MobieTrainHarness.Now,
        });

        var invitation = await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "ana@example.com", null, "de", []), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(invitation.Id, Is.EqualTo(ours.Id));
            Assert.That(invitation.ExternalId, Is.EqualTo("7"));
            Assert.That(invitation.CreatedAt, Is.EqualTo(MobieTrainHarness.Now));
            Assert.That(context.Contents().Invitations, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task InvitationCreateForSomeoneWhoAcceptedAlready_ReturnsTheirUserAsTheInvitation()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var registered = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource
        {
            ExternalId = "7", FirstName = "Ana", LastName = "Lopez", Email = "ana@example.com", RegisteredAt = registered,
        });

        var invitation = await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "ANA@example.com", null, "de", []), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(invitation.Id, Is.EqualTo(user.Id));
            Assert.That(invitation.ExternalId, Is.EqualTo("7"));
            Assert.That(invitation.Profile.Email, Is.EqualTo("ana@example.com"));
            Assert.That(invitation.CreatedAt, Is.EqualTo(registered));
            Assert.That(context.Contents().Invitations, Is.Empty);
        }
    }

    [TestCase("user")]
    [TestCase("invitation")]
    public async Task EmailUsedByAnotherPerson_FailsThatRecord(string kind)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var otherId = kind == "user"
            ? context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "99", FirstName = "O", LastName = "P", Email = "shared@example.com" }).Id
            : context.Simulator.SeedInvitation(Account, new MobieTrainInvitationResource { FirstName = "O", LastName = "P", Email = "shared@example.com" }).Id;

        var failure = Assert.ThrowsAsync<MobieTrainRecordException>(() => context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "Shared@Example.com", null, "de", []), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.StatusCode, Is.EqualTo(409));
            Assert.That(failure.Message, Does.Contain($"the e-mail is already used by another {kind} {otherId}"));
            Assert.That(failure.Message, Does.Not.Contain("example.com"), "ids only, no address");
        }
    }

    [Test]
    public async Task Invitation409ThatNamesNoRecord_IsResolvedFromTheLists()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var user = context.Simulator.SeedUser(Account, new MobieTrainUserResource { ExternalId = "7", FirstName = "Ana", LastName = "Lopez" });
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "POST", Path = "/invitations", Status = 409, Body = """{"error": {"code": "conflict", "message": "exists"}}""",
        }]);

        var invitation = await context.Client.CreateInvitationAsync(MobieTrainHarness.Target(),
            new NewInvitation("7", "Ana", "Lopez", "ana@example.com", null, "de", []), CancellationToken.None);

        Assert.That(invitation.Id, Is.EqualTo(user.Id));
        Assert.That(context.Served("GET", "/invitations"), Has.Count.EqualTo(1));
        Assert.That(context.Served("GET", "/users"), Has.Count.EqualTo(1));
    }
}
