using StaffCloudSync.Core.Operations;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Platform.Secrets;
using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Core.Scheduling;
using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Core;

public static class StaffCloudSyncServiceCollectionExtensions
{
    /// <summary>
    /// Everything a host of the sync needs — the Functions app and the operator CLI call this one method, so both
    /// run the same services with the same settings, each validated at start-up.
    /// </summary>
    public static IServiceCollection AddStaffCloudSync(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddTableStorage(configuration)
            .AddTenantStore()
            .AddRunStore()
            .AddSecretStore(configuration)
            .AddStaffCloudClient(configuration)
            .AddMobieTrainClient(configuration)
            .AddSyncEngine(configuration)
            .AddDispatch(configuration)
            .AddNotifications(configuration)
            .AddOperations();
}
