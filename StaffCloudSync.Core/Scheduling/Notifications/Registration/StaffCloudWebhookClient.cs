using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Partners.StaffCloud.Http;

namespace StaffCloudSync.Core.Scheduling.Notifications.Registration;

/// <summary>The only writes to StaffCloud, so not in <see cref="IStaffCloudClient"/> (whose "no write" is tested); no URL is logged.</summary>
public sealed class StaffCloudWebhookClient(HttpClient http, IOptions<StaffCloudOptions> options, ILogger<StaffCloudWebhookClient> logger)
{
    private const string Resource = "webhooks";

    public async Task<IReadOnlyList<StaffCloudWebhook>> ListAsync(StaffCloudTarget target, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, HttpMethod.Get, Resource, null, cancellationToken);
        var body = await ReadJsonAsync(target, response, cancellationToken);

        // A bare array, or the envelope StaffCloud uses with envelope=true.
        var list = body as JsonArray ?? (body as JsonObject)?["response"] as JsonArray
            ?? throw Error(target, "GET", "answered with something that is not a list of webhooks");
        return [.. list.OfType<JsonObject>().Select(Webhook).Where(w => w.Id.Length > 0)];
    }

    public async Task<string?> CreateAsync(StaffCloudTarget target, string trigger, Uri url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, HttpMethod.Post, Resource, Body(trigger, url), cancellationToken);
        var created = await ReadJsonAsync(target, response, cancellationToken) as JsonObject;
        var id = created is null ? null : Webhook(created).Id;
        NotificationLog.WebhookChanged(logger, target.TenantId, "created", trigger, id);
        return string.IsNullOrEmpty(id) ? null : id;
    }

    // A PUT sends both parts again, as StaffCloud requires.
    public async Task UpdateAsync(StaffCloudTarget target, string id, string trigger, Uri url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, HttpMethod.Put, $"{Resource}/{Uri.EscapeDataString(id)}", Body(trigger, url), cancellationToken);
        NotificationLog.WebhookChanged(logger, target.TenantId, "updated", trigger, id);
    }

    public async Task DeleteAsync(StaffCloudTarget target, StaffCloudWebhook webhook, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, HttpMethod.Delete, $"{Resource}/{Uri.EscapeDataString(webhook.Id)}", null, cancellationToken);
        NotificationLog.WebhookChanged(logger, target.TenantId, "deleted", webhook.Trigger ?? "?", webhook.Id);
    }

    private static JsonObject Body(string trigger, Uri url) =>
        new() { ["trigger"] = new JsonObject { ["event"] = trigger }, ["webhook"] = new JsonObject { ["url"] = url.AbsoluteUri } };

    private static StaffCloudWebhook Webhook(JsonObject record) => new(
        record["id"] is JsonValue id && id.TryGetValue<long>(out var number) ? number.ToString(CultureInfo.InvariantCulture) : Text(record["id"]) ?? string.Empty,
        Text((record["trigger"] as JsonObject)?["event"]), Text((record["webhook"] as JsonObject)?["url"]));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private async Task<HttpResponseMessage> SendAsync(StaffCloudTarget target, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress(target), path));
        request.Options.Set(BearerSecretHandler.SecretName, target.TokenSecretName);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Buffered with its length: a chunked body is something a server may refuse.
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Error(target, method.Method, $"could not be reached ({e.GetType().Name})");
        }

        if (response.IsSuccessStatusCode)
            return response;

        using (response)
        {
            // StaffCloud's own words only when nothing was sent: an answer to a POST or PUT may quote the URL, and its secret.
            var (message, _) = body is null ? await StaffCloudErrorBody.ReadAsync(response, BearerOutcome.SentSecret(request), cancellationToken) : (null, false);
            var status = (int)response.StatusCode;
            throw Error(target, method.Method, response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    $"answered {status}{Detail(message)}: the token in secret '{target.TokenSecretName}' must be valid and its API user allowed to manage webhooks",
                HttpStatusCode.NotFound => $"answered 404{Detail(message)}: the webhook does not exist (any more), or this StaffCloud has no /webhooks",
                _ => $"answered {status}{Detail(message)}",
            });
        }
    }

    private async Task<JsonNode?> ReadJsonAsync(StaffCloudTarget target, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent)
            return null;

        try
        {
            return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        }
        catch (JsonException)
        {
            throw Error(target, response.RequestMessage?.Method.Method ?? "?", "answered with a body that is not JSON");
        }
    }

    private Uri BaseAddress(StaffCloudTarget target)
    {
        var value = options.Value;
        try
        {
            return StaffCloudBaseAddress.For(target.ApiTenant,
                value.AllowBaseAddressOverride && !string.IsNullOrWhiteSpace(value.BaseAddressOverride) ? value.BaseAddressOverride : null);
        }
        catch (ArgumentException e)
        {
            throw new WebhookRegistrationException($"tenant '{target.TenantId}': {e.Message}", e);
        }
    }

    private static string Detail(string? message) => message is null ? string.Empty : $" ({message})";

    private WebhookRegistrationException Error(StaffCloudTarget target, string method, string cause)
    {
        NotificationLog.WebhookRequestFailed(logger, target.TenantId, method, cause);
        return new WebhookRegistrationException($"tenant '{target.TenantId}': StaffCloud {method} /{Resource} {cause}");
    }
}

// Its URL may carry a secret: shown to no one.
public sealed record StaffCloudWebhook(string Id, string? Trigger, string? Url);

// The message names the tenant and the cause, never a URL or a token.
public sealed class WebhookRegistrationException(string message, Exception? innerException = null) : Exception(message, innerException);
