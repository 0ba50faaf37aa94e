using System.Net.Http.Headers;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Core.Partners.Http;

/// <summary>Sends every request with the secret it names (<see cref="SecretName"/>) from the store; when the partner refuses it
/// (each client says what a refusal looks like), re-reads the secret once — a rotation in Key Vault — and sends the
/// same request again only when the value changed. The client reads what happened from <see cref="Outcome"/>.</summary>
/// <remarks>
/// Outermost, so the retries and pacing inside see each of the (at most two) sends as its own request, and a refusal,
/// which no retry fixes, costs one re-read rather than one per attempt. Re-sending is safe: bodies are buffered, and a
/// write keeps its idempotency key (the refused send did nothing).
/// </remarks>
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
        if (!await isRefused(response, cancellationToken))
        {
            request.Options.Set(Outcome, new BearerOutcome(Rotated: false, Refused: false));
            return response;
        }

        secrets.Invalidate(name);
        var fresh = await secrets.GetSecretAsync(name, cancellationToken);
        if (string.Equals(fresh, secret, StringComparison.Ordinal))
        {
            request.Options.Set(Outcome, new BearerOutcome(Rotated: false, Refused: true));
            return response;
        }

        response.Dispose();
        response = await SendWithAsync(request, fresh, cancellationToken);
        request.Options.Set(Outcome, new BearerOutcome(Rotated: true, Refused: await isRefused(response, cancellationToken)));
        return response;
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, string secret, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Whether an answer refuses the secret it was sent with. One that reads the body must leave it readable (buffer it).</summary>
internal delegate Task<bool> BearerRefusal(HttpResponseMessage response, CancellationToken cancellationToken);

/// <summary>Whether the answer came to a re-read (rotated) secret, and whether the last answer still refused it.</summary>
internal sealed record BearerOutcome(bool Rotated, bool Refused)
{
    /// <summary>What the handler set on the request, or "neither" for one it did not answer (an exception's).</summary>
    public static BearerOutcome Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(BearerSecretHandler.Outcome, out var outcome) ? outcome : new BearerOutcome(false, false);

    /// <summary>The secret the request was last sent with (to blank it out of an error body that echoes it), or empty.</summary>
    public static string SentSecret(HttpRequestMessage request) => request.Headers.Authorization?.Parameter ?? string.Empty;
}

internal static class BearerSecretRegistration
{
    /// <summary>Adds <see cref="BearerSecretHandler"/>; call it before the client's other handlers, as it must be the outermost.</summary>
    public static IHttpClientBuilder AddBearerSecret(this IHttpClientBuilder builder, BearerRefusal isRefused) =>
        builder.AddHttpMessageHandler(services => new BearerSecretHandler(services.GetRequiredService<ISecretStore>(), isRefused));
}
