namespace StaffCloudSync.Core.Partners.MobieTrain;

public record MobieTrainTarget(string TenantId, string AccountId, string ApiKeySecretName);

/// <summary>The run id is part of every idempotency key (docs/decisions.md, "Idempotency keys"); a preview reads with the plain target.</summary>
public sealed record MobieTrainWriteTarget(string TenantId, string AccountId, string ApiKeySecretName, string RunId)
    : MobieTrainTarget(TenantId, AccountId, ApiKeySecretName)
{
    public static MobieTrainWriteTarget For(MobieTrainTarget target, string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return new MobieTrainWriteTarget(target.TenantId, target.AccountId, target.ApiKeySecretName, runId);
    }
}

/// <summary>An id with a slash, a dot or a query in it would address another resource in a write's path.</summary>
public static partial class MobieTrainId
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
