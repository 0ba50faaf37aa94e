using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Re-reads a refused secret once and sends again when it changed (docs/decisions.md, "How is a refused secret re-read?").</summary>
internal sealed class BearerSecretHandler(ISecretStore secrets, BearerRefusal isRefused) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> SecretName = new("StaffCloudSync.BearerSecret.Name");
    public static readonly HttpRequestOptionsKey<BearerOutcome> Outcome = new("StaffCloudSync.BearerSecret.Outcome");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SecretName, out var name) || string.IsNullOrEmpty(name))
        {
            throw new InvalidOperationException(
                $"A request to {request.RequestUri?.Host} names no secret: set {nameof(BearerSecretHandler)}.{nameof(SecretName)} on it.");
        }

        var secret = await secrets.GetSecretAsync(name, cancellationToken);
        var response = await SendWithAsync(request, secret, cancellationToken);
        var outcome = new BearerOutcome(Rotated: false, Refused: await isRefused(response, cancellationToken));
        if (outcome.Refused)
        {
            secrets.Invalidate(name);
            var fresh = await secrets.GetSecretAsync(name, cancellationToken);
            if (!string.Equals(fresh, secret, StringComparison.Ordinal))
            {
                response.Dispose();
                response = await SendWithAsync(request, fresh, cancellationToken);
                outcome = new BearerOutcome(Rotated: true, Refused: await isRefused(response, cancellationToken));
            }
        }

        request.Options.Set(Outcome, outcome);
        return response;
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, string secret, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return base.SendAsync(request, cancellationToken);
    }
}

// One that reads the body must leave it readable (buffer it).
internal delegate Task<bool> BearerRefusal(HttpResponseMessage response, CancellationToken cancellationToken);

internal sealed record BearerOutcome(bool Rotated, bool Refused)
{
    public static BearerOutcome Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(BearerSecretHandler.Outcome, out var outcome) ? outcome : new BearerOutcome(false, false);

    // To blank the secret out of an error body that echoes it.
    public static string SentSecret(HttpRequestMessage request) => request.Headers.Authorization?.Parameter ?? string.Empty;
}

internal static class BearerSecretRegistration
{
    // Call it before the client's other handlers, as it must be the outermost.
    public static IHttpClientBuilder AddBearerSecret(this IHttpClientBuilder builder, BearerRefusal isRefused) =>
        builder.AddHttpMessageHandler(services => new BearerSecretHandler(services.GetRequiredService<ISecretStore>(), isRefused));
}
