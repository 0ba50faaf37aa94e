using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Sandbox.Simulators;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// Bad values in MobieTrain's answers (sync-rules.md, "Bad values are values"): an id that could address another
/// resource never reaches a URL (the answer is invalid), and text that is not valid Unicode is an absent value.
/// </summary>
public sealed class MobieTrainClientBadValueTests
{
    [TestCase("../u-2", TestName = "An id with a path in it")]
    [TestCase("u-1?x=1", TestName = "An id with a query in it")]
    [TestCase("u 1", TestName = "An id with a space")]
    [TestCase("", TestName = "An empty id")]
    [TestCase("\\ud83d", TestName = "An id that is not valid Unicode")]
    public async Task RecordWhoseIdIsNotAMobieTrainId_MakesTheAnswerInvalid(string id)
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "GET", Path = "/users", Status = 200, Body = $$"""{"items": [{"id": "{{id}}", "externalId": "7"}], "nextCursor": null}""",
        }]);

        var failure = Assert.ThrowsAsync<SyncRunException>(async () =>
            await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync());

        Assert.That(failure!.Kind, Is.EqualTo(SyncFailureKind.InvalidResponse));
    }

    [Test]
    public async Task IdOf128LettersDigitsDashesAndUnderscores_IsAccepted()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        var id = string.Concat(Enumerable.Repeat("aZ0_-", 25)) + "xyz";
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "GET", Path = "/users", Status = 200, Body = $$"""{"items": [{"id": "{{id}}", "externalId": "7"}], "nextCursor": null}""",
        }]);

        var user = (await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync()).Single();

        Assert.That(user.Id, Has.Length.EqualTo(128));
    }

    [Test]
    public async Task TextThatIsNotValidUnicodeOrHoldsControlCharacters_IsReadAsAbsent()
    {
        await using var context = await MobieTrainHarness.StartAsync();
        context.Simulator.AddFaults([new SimulatorFault
        {
            Method = "GET", Path = "/users", Status = 200,
            Body = """{"items": [{"id": "u-1", "externalId": "7", "firstName": "Ana\ud83d", "lastName": "Lo\u0007pez", "email": "ana@example.com"}], "nextCursor": null}""",
        }]);

        var user = (await context.Client.GetUsersAsync(MobieTrainHarness.Target(), CancellationToken.None).ToListAsync()).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.Profile.FirstName, Is.Null);
            Assert.That(user.Profile.LastName, Is.Null);
            Assert.That(user.Profile.Email, Is.EqualTo("ana@example.com"));
        }
    }
}
