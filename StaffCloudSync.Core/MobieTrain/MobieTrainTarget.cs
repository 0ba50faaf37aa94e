namespace StaffCloudSync.Core.MobieTrain;

/// <summary>
/// Which MobieTrain account a call acts on, the secret holding the API key, and the run the writes
/// belong to (part of every idempotency key, see docs/decisions.md). No key value travels in this record.
/// </summary>
public sealed record MobieTrainTarget(string TenantId, string AccountId, string ApiKeySecretName, string RunId);
