using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Core.Tenants;

public static class TenantsServiceCollectionExtensions
{
    /// <summary>The <see cref="TenantStore"/> and the deletion approvals on its rows. Needs <c>AddTableStorage</c>.</summary>
    public static IServiceCollection AddTenantStore(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantStore>();
        services.TryAddSingleton<DeletionApprovals>();
        return services;
    }

    /// <summary>The quarantine's <see cref="QuarantineOptions"/>; its former settings fail start-up when still configured.</summary>
    public static IServiceCollection AddQuarantineOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QuarantineOptions>();
        services.RejectRemovedSettings(configuration, QuarantineOptions.SectionName, QuarantineOptions.RemovedSettings);
        return services;
    }
}
