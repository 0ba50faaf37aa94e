using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using StaffCloudSync.Core.Sync.Applying;
using StaffCloudSync.Core.Sync.Reading;

namespace StaffCloudSync.Core.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The engine: reader, applier and the tenant run service, with <see cref="SyncOptions"/> checked at start-up.</summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Tenants.QuarantineOptions>().Bind(configuration.GetSection(Tenants.QuarantineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotReader>();
        services.TryAddSingleton<PlanApplier>();
        services.TryAddSingleton<TenantSyncService>();
        return services;
    }
}
