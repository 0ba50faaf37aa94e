using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Sync.Applying;
using StaffCloudSync.Core.Sync.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// The engine: reader, applier and the tenant run service, with <see cref="SyncOptions"/> and the quarantine's
    /// <see cref="QuarantineOptions"/> checked at start-up.
    /// </summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.AddOptions<QuarantineOptions>().Bind(configuration.GetSection(QuarantineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuarantineOptions>, QuarantineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotReader>();
        services.TryAddSingleton<PlanApplier>();
        services.TryAddSingleton<TenantSyncService>();
        return services;
    }
}
