namespace StaffCloudSync.Core.StaffCloud;

/// <summary>
/// Which StaffCloud account a call goes to: the API tenant code (the host label) and the name of the
/// secret that holds its token. The token itself never travels in this record, so it cannot be logged by accident.
/// </summary>
public sealed record StaffCloudTarget(string TenantId, string ApiTenant, string TokenSecretName);
