namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>Requests the simulator refuses whatever they ask: keys outside their accounts, unknown paths, the rate limit and the outage.</summary>
public sealed class MobieTrainSimulatorFaultTests
{
    private const string Account = SimulatorApi.Account;

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
    public async Task UnknownPaths_Are404_WithTheErrorBody()
    {
        await using var api = await SimulatorApi.StartAsync();

        var answer = await api.GetAsync("/employees");

        Assert.That((answer.Status, answer.ErrorCode), Is.EqualTo((404, "not_found")));
    }
}
