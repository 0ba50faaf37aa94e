namespace StaffCloudSync.Core.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The operator services (<see cref="TenantOperations"/>, <see cref="HealthCheck"/>, <see cref="TenantCheck"/>, <see cref="AccountClaims"/>). Needs the stores and <c>AddDispatch</c>.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantOperations>();
        services.TryAddSingleton<HealthCheck>();
        services.TryAddSingleton<TenantCheck>();
        services.TryAddSingleton<AccountClaims>();
        return services;
    }
}
