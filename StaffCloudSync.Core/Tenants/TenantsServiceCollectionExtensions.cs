using StaffCloudSync.Core.AppSettings;

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

    /// <summary>The quarantine's <see cref="QuarantineOptions"/> (section <c>Quarantine</c>), checked at start-up.</summary>
    public static IServiceCollection AddQuarantineOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QuarantineOptions>().Bind(configuration.GetSection(QuarantineOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuarantineOptions>, QuarantineOptionsValidator>());
        services.RejectRemovedSettings(configuration, QuarantineOptions.SectionName, QuarantineOptions.RemovedSettings);
        return services;
    }
}
