namespace StaffCloudSync.Core.MobieTrain;

/// <summary>
/// Which MobieTrain account a call acts on and the secret holding the API key: all a read needs. No key value travels
/// in this record.
/// </summary>
public record MobieTrainTarget(string TenantId, string AccountId, string ApiKeySecretName);
