using System.Collections.Concurrent;

namespace StaffCloudSync.Core.Notifications;

/// <summary>
/// Webhook secrets Key Vault said do not exist, remembered for <see cref="RememberFor"/>: the secret store caches no
/// failure, so without this every POST to a registered tenant whose secret is missing would read the vault again
/// (and log its 404). Only names of registered tenants get here, so the memo is as small as the tenant list.
/// </summary>
internal sealed class MissingWebhookSecrets(TimeProvider time)
{
    /// <summary>How long a missing secret is taken as missing: a secret created meanwhile is used after at most this.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _missingSince = new(StringComparer.OrdinalIgnoreCase);

    public bool IsKnownMissing(string secretName)
    {
        if (!_missingSince.TryGetValue(secretName, out var since))
        {
            return false;
        }

        if (time.GetUtcNow() - since < RememberFor)
        {
            return true;
        }

        _missingSince.TryRemove(KeyValuePair.Create(secretName, since));
        return false;
    }

    public void Remember(string secretName) => _missingSince[secretName] = time.GetUtcNow();
}
