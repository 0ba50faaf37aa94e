using System.Net.Http.Headers;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>Counts the storage transactions (every try, as the bill does) the app's own Azure SDK clients send, by the emulator's
/// port; added to every client through <c>ConfigureDefaults</c>.</summary>
public sealed class StorageTransactionCounter(int tablePort, int queuePort) : HttpPipelinePolicy
{
    private long _tables;
    private long _queues;
    private long _blobs;

    public StorageTransactions Snapshot() => new(Interlocked.Read(ref _tables), Interlocked.Read(ref _queues), Interlocked.Read(ref _blobs));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var port = message.Request.Uri.Port;
        Interlocked.Increment(ref port == tablePort ? ref _tables : ref port == queuePort ? ref _queues : ref _blobs);
    }
}

public readonly record struct StorageTransactions(long Tables, long Queues, long Blobs)
{
    public long Total => Tables + Queues + Blobs;

    public static StorageTransactions operator -(StorageTransactions after, StorageTransactions before) =>
        new(after.Tables - before.Tables, after.Queues - before.Queues, after.Blobs - before.Blobs);
}

/// <summary>A Key Vault for the bench (there is no emulator: ../shared/NOTES.md): the real <see cref="SecretClient"/> over a
/// transport that answers from memory, counting the GETs the vault would bill.</summary>
public sealed class CountingVault
{
    public static readonly Uri VaultUri = new("https://fleet-bench.vault.azure.net/");
    private readonly Dictionary<string, string> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public void Set(string name, string value) => _secrets[name] = value;

    // One per instance, as each Functions instance has its own (and its own cache in front of it).
    public SecretClient Client()
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(new VaultHandler(this))),
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 0;
        return new SecretClient(VaultUri, new StaticToken(), options);
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        // The SDK's first request goes without a token, to learn the vault's tenant from the challenge.
        if (request.Headers.Authorization is null)
        {
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
                "authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\""));
            return challenge;
        }

        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["secrets", var name, ..] || !_secrets.TryGetValue(name, out var value))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"error":{"code":"SecretNotFound","message":"not found"}}""", System.Text.Encoding.UTF8, "application/json"),
            };
        }

        Interlocked.Increment(ref _reads);
        var body = new JsonObject { ["value"] = value, ["id"] = $"{VaultUri}secrets/{name}/0123456789abcdef", ["attributes"] = new JsonObject { ["enabled"] = true } };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
    }

    private sealed class VaultHandler(CountingVault vault) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(vault.Answer(request));
    }

    private sealed class StaticToken : TokenCredential
    {
        // Never expires: the Azure SDK judges a token's expiry by the machine's clock, which the bench's frozen clock is not.
        private static readonly AccessToken Token = new("fleet-bench", DateTimeOffset.MaxValue);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token);
    }
}
