using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StaffCloudSync.Core.Tenants;

public static class TenantsServiceCollectionExtensions
{
    /// <summary>The table-backed <see cref="ITenantStore"/> and the deletion approvals on its rows. Needs <c>AddTableStorage</c>.</summary>
    public static IServiceCollection AddTenantStore(this IServiceCollection services)
    {
        services.TryAddSingleton<ITenantStore, TableTenantStore>();
        services.TryAddSingleton<DeletionApprovals>();
        return services;
    }
}
