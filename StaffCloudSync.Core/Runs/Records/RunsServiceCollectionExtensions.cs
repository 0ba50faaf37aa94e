namespace StaffCloudSync.Core.Runs.Records;

public static class RunsServiceCollectionExtensions
{
    /// <summary>The <see cref="RunStore"/> (a table row and a details blob per run). Needs <c>AddTableStorage</c>.</summary>
    public static IServiceCollection AddRunStore(this IServiceCollection services)
    {
        services.TryAddSingleton<RunStore>();
        return services;
    }
}
