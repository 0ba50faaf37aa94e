namespace StaffCloudSync.Sandbox.Simulators.StaffCloud;

/// <summary>
/// A request the StaffCloud simulator served itself (not one answered by a fault or an outage): what a test checks
/// to see which filters, fields and id batches the client sent. <see cref="Query"/> holds the decoded values.
/// </summary>
public sealed record StaffCloudRequestLogEntry(
    string Method,
    string ApiTenant,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Query,
    int Status);
