using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Operations;

/// <summary>Whether the app can reach what every run needs first: its tenant registry.</summary>
public sealed class HealthCheck(TenantStore tenants)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await tenants.ListAsync(cancellationToken).CountAsync(cancellationToken);
            return new HealthReport(true, $"tenant registry reachable ({count} tenants)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthReport(false, $"tenant registry unreachable: {e.GetType().Name}");
        }
    }
}

public sealed record HealthReport(bool Healthy, string Detail);
