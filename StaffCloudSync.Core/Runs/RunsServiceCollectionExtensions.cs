using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StaffCloudSync.Core.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>The table-backed <see cref="IRunStore"/>. Needs <c>AddTableStorage</c>.</summary>
    public static IServiceCollection AddRunStore(this IServiceCollection services)
    {
        services.TryAddSingleton<IRunStore, TableRunStore>();
        return services;
    }
}
