using StaffCloudSync.Core.Platform.AppSettings;
using StaffCloudSync.Core.Runs.Applying;
using StaffCloudSync.Core.Runs.Marker;
using StaffCloudSync.Core.Runs.Reading;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core.Runs;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// The engine: reader and applier (the run owner, <c>Dispatch/TenantRunner</c>, uses them), with <see cref="SyncOptions"/> checked at start-up, and
    /// the quarantine's options its runs need (registered by their owner, <see cref="TenantsServiceCollectionExtensions"/>).
    /// </summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.RejectRemovedSettings(configuration, SyncOptions.SectionName, SyncOptions.RemovedSettings);
        services.AddQuarantineOptions(configuration); // a run records failures against the quarantine's rule
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotReader>();
        services.TryAddSingleton<PlanApplier>();
        services.TryAddSingleton<AccountMarkers>();
        return services;
    }
}
