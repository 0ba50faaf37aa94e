using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Sandbox.Simulators.MobieTrain;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// A MobieTrain simulator spoken to with a plain <see cref="HttpClient"/> (no client, no retries), to pin down the
/// contract the simulator implements: exactly what each request is answered.
/// </summary>
internal sealed class SimulatorApi : IAsyncDisposable
{
    public const string Account = "acc-a";
    public const string OtherAccount = "acc-b";
    public const string Key = "key-a";
    public const string KeyForBoth = "key-ab";

    private readonly HttpClient _http;

    private SimulatorApi(MobieTrainSimulator simulator, FakeTimeProvider clock)
    {
        Simulator = simulator;
        Clock = clock;
        _http = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public MobieTrainSimulator Simulator { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<SimulatorApi> StartAsync()
    {
        var clock = new FakeTimeProvider(MobieTrainHarness.Now);
        var simulator = new MobieTrainSimulator(clock);
        simulator.AddAccount(Account);
        simulator.AddAccount(OtherAccount);
        simulator.AddApiKey(Key, Account);
        simulator.AddApiKey(KeyForBoth, Account, OtherAccount);
        await simulator.StartAsync();
        return new SimulatorApi(simulator, clock);
    }

    public Task<Answer> GetAsync(string path, string? key = Key, string account = Account) =>
        SendAsync(HttpMethod.Get, path, null, key, account: account);

    public Task<Answer> PostAsync(string path, string body, string? idempotencyKey = null, string account = Account) =>
        SendAsync(HttpMethod.Post, path, body, Key, idempotencyKey, account);

    public Task<Answer> PatchAsync(string path, string body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Patch, path, body, Key, idempotencyKey);

    public Task<Answer> DeleteAsync(string path, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Delete, path, null, Key, idempotencyKey);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? body, string? key, string? idempotencyKey = null, string account = Account)
    {
        using var request = new HttpRequestMessage(method, $"v1/accounts/{Uri.EscapeDataString(account)}{path}");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKey.HeaderName, idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.RetryAfter?.Delta);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>Status, parsed body and <c>Retry-After</c> of one answer.</summary>
    public sealed record Answer(int Status, JsonNode? Body, TimeSpan? RetryAfter)
    {
        public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();

        public string? ErrorMessage => Body?["error"]?["message"]?.GetValue<string>();

        public string? Id => Body?["id"]?.GetValue<string>();

        public IReadOnlyList<string?> ItemIds => [.. Body!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

        public string? NextCursor => Body?["nextCursor"]?.GetValue<string>();
    }
}
