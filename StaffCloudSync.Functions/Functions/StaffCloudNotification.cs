using StaffCloudSync.Core.Scheduling.Notifications;
using StaffCloudSync.Functions.Hosting;

namespace StaffCloudSync.Functions.Functions;

/// <summary>StaffCloud's notification for one tenant: <c>POST /api/notifications/staffcloud/{tenantId}?secret=…</c>. Anonymous for
/// the host (StaffCloud cannot send a function key); the tenant's own secret is the check. 202 at once, 401, 413 or 503.</summary>
public sealed class StaffCloudNotification(NotificationReceiver receiver)
{
    [Function(nameof(StaffCloudNotification))]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotificationUrl.Route)] HttpRequestData request, string tenantId, CancellationToken cancellationToken)
    {
        var result = await receiver.ReceiveAsync(tenantId, request.Query["secret"], request.Body, cancellationToken);
        return await HttpResults.JsonAsync(request, result.Status, result.Body());
    }
}
