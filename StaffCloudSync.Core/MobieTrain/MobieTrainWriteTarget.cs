namespace StaffCloudSync.Core.MobieTrain;

/// <summary>
/// A target for writes: the account, and the run the writes belong to, part of every idempotency key
/// (docs/decisions.md, "Idempotency keys"). Only a run writes, so only a run has one; a preview reads with the plain
/// <see cref="MobieTrainTarget"/> and needs no run id.
/// </summary>
public sealed record MobieTrainWriteTarget(string TenantId, string AccountId, string ApiKeySecretName, string RunId)
    : MobieTrainTarget(TenantId, AccountId, ApiKeySecretName)
{
    public static MobieTrainWriteTarget For(MobieTrainTarget target, string runId)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return new MobieTrainWriteTarget(target.TenantId, target.AccountId, target.ApiKeySecretName, runId);
    }
}
