using StaffCloudSync.Core.Dispatch;
using StaffCloudSync.Core.MobieTrain.Http;
using StaffCloudSync.Core.Notifications;
using StaffCloudSync.Core.Operations;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Secrets;
using StaffCloudSync.Core.StaffCloud.Http;
using StaffCloudSync.Core.Storage;
using StaffCloudSync.Core.Sync;
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
