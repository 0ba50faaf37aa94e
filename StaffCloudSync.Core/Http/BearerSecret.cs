using StaffCloudSync.Core.Secrets;

namespace StaffCloudSync.Core.Http;

/// <summary>
/// The one way both clients send with a secret from the store: send with the cached value; when the partner refuses it
/// (each client says what a refusal looks like), drop the cached copy and read the secret again — a rotation in Key
/// Vault — and send once more only when it changed. The secret never leaves this and the client's send delegate.
/// </summary>
internal static class BearerSecret
{
    /// <param name="send">Sends the request with the given secret (a fresh message each time: a sent one cannot be sent again).</param>
    /// <param name="isRefused">Whether the answer refuses the secret; called once per answer, so it may read the body.</param>
    public static async Task<BearerAttempt> SendAsync(
        ISecretStore secrets,
        string secretName,
        Func<string, CancellationToken, Task<HttpResponseMessage>> send,
        Func<HttpResponseMessage, CancellationToken, Task<bool>> isRefused,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(isRefused);
        var secret = await secrets.GetSecretAsync(secretName, cancellationToken).ConfigureAwait(false);
        var response = await send(secret, cancellationToken).ConfigureAwait(false);
        if (!await isRefused(response, cancellationToken).ConfigureAwait(false))
        {
            return new BearerAttempt(response, secret, Rotated: false, Refused: false);
        }

        secrets.Invalidate(secretName);
        var fresh = await secrets.GetSecretAsync(secretName, cancellationToken).ConfigureAwait(false);
        if (string.Equals(fresh, secret, StringComparison.Ordinal))
        {
            return new BearerAttempt(response, secret, Rotated: false, Refused: true);
        }

        response.Dispose();
        response = await send(fresh, cancellationToken).ConfigureAwait(false);
        return new BearerAttempt(response, fresh, Rotated: true, Refused: await isRefused(response, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>The last answer, the secret it was sent with, whether that was a re-read (rotated) one, and whether it was refused.</summary>
internal sealed record BearerAttempt(HttpResponseMessage Response, string Secret, bool Rotated, bool Refused);
