namespace StaffCloudSync.Core.Partners.MobieTrain;

/// <summary>Which MobieTrain account a call acts on and the secret holding its API key (never the key itself).</summary>
public record MobieTrainTarget(string TenantId, string AccountId, string ApiKeySecretName);

/// <summary>A target for writes: the account and the run the writes belong to, part of every idempotency key (docs/decisions.md,
/// "Idempotency keys"). Only a run writes; a preview reads with the plain <see cref="MobieTrainTarget"/>.</summary>
public sealed record MobieTrainWriteTarget(string TenantId, string AccountId, string ApiKeySecretName, string RunId)
    : MobieTrainTarget(TenantId, AccountId, ApiKeySecretName)
{
    public static MobieTrainWriteTarget For(MobieTrainTarget target, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return new MobieTrainWriteTarget(target.TenantId, target.AccountId, target.ApiKeySecretName, runId);
    }
}

/// <summary>The ids MobieTrain hands out go into the paths of writes, so only <c>[A-Za-z0-9_-]{1,128}</c> is ever put into a URL:
/// an id with a slash, a dot or a query in it would address another resource.</summary>
public static partial class MobieTrainId
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
