using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Scheduling.Notifications.Registration;

/// <summary>One webhook per trigger, idempotent; ours are told apart by their URL without its query, updated in place on rotation.</summary>
public sealed class WebhookRegistration(StaffCloudWebhookClient client)
{
    public async Task<IReadOnlyList<WebhookChange>> RegisterAsync(StaffCloudTarget target, Uri publicBaseUrl, string secret, CancellationToken cancellationToken)
    {
        var url = NotificationUrl.For(publicBaseUrl, target.TenantId, secret);
        var ours = Ours(await client.ListAsync(target, cancellationToken), publicBaseUrl, target.TenantId);
        var changes = new List<WebhookChange>();
        foreach (var trigger in NotificationBody.Events)
        {
            var existing = ours.Where(w => string.Equals(w.Trigger, trigger, StringComparison.OrdinalIgnoreCase)).ToList();
            if (existing.FirstOrDefault(w => w.Url == url.AbsoluteUri) is { } same)
                changes.Add(new WebhookChange(trigger, WebhookAction.Unchanged, same.Id));
            else if (existing.FirstOrDefault() is { } stale)
            {
                // Ours with another secret (rotated) or another spelling of the address: pointed at the current URL.
                await client.UpdateAsync(target, stale.Id, trigger, url, cancellationToken);
                changes.Add(new WebhookChange(trigger, WebhookAction.Updated, stale.Id));
            }
            else
                changes.Add(new WebhookChange(trigger, WebhookAction.Created, await client.CreateAsync(target, trigger, url, cancellationToken)));
        }

        return changes;
    }

    public async Task<IReadOnlyList<WebhookChange>> UnregisterAsync(StaffCloudTarget target, Uri publicBaseUrl, CancellationToken cancellationToken)
    {
        var changes = new List<WebhookChange>();
        foreach (var webhook in Ours(await client.ListAsync(target, cancellationToken), publicBaseUrl, target.TenantId))
        {
            await client.DeleteAsync(target, webhook, cancellationToken);
            changes.Add(new WebhookChange(webhook.Trigger ?? "?", WebhookAction.Removed, webhook.Id));
        }

        return changes;
    }

    private static List<StaffCloudWebhook> Ours(IReadOnlyList<StaffCloudWebhook> webhooks, Uri publicBaseUrl, string tenantId)
    {
        var path = NotificationUrl.PathOf(publicBaseUrl, tenantId);
        return [.. webhooks.Where(w => Uri.TryCreate(w.Url, UriKind.Absolute, out var uri)
            && string.Equals(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase))];
    }
}

public enum WebhookAction { Created, Updated, Unchanged, Removed }

public sealed record WebhookChange(string Trigger, WebhookAction Action, string? Id);
