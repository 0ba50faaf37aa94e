namespace StaffCloudSync.Core.Scheduling.Notifications;

/// <summary>The payload is not documented (staffcloud-api.md, "Webhooks"): a notification only says "this tenant changed".</summary>
public static class NotificationBody
{
    public const int MaxBytes = 64 * 1024;
    public const string UnknownEvent = "unknown";
    public static IReadOnlyList<string> Events { get; } = ["employee.created", "employee.updated", "assignment.status_changed"];

    // At most MaxBytes + 1 bytes, so a huge body costs no more than a 64 KiB one.
    public static async Task<BodyReading> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = await body.ReadAtLeastAsync(buffer.AsMemory(0, MaxBytes + 1), MaxBytes + 1, throwOnEndOfStream: false, cancellationToken);
            return length > MaxBytes ? BodyReading.TooLarge : Describe(buffer.AsSpan(0, length));
        }
        finally
        {
            // Cleared: the body may hold personal data, and a pooled buffer outlives this request.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    public static BodyReading Describe(ReadOnlySpan<byte> body)
    {
        var text = body.StartsWith("\uFEFF"u8) ? body[3..] : body;
        if (text.TrimStart(" \t\r\n"u8).IsEmpty)
            return new BodyReading(body.Length, false, UnknownEvent, "empty");

        try
        {
            var payload = JsonSerializer.Deserialize(text, NotificationJson.Default.NotificationPayload);
            return new BodyReading(body.Length, false, payload.Event ?? UnknownEvent, "json");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8, found only when it is read.
            return new BodyReading(body.Length, false, UnknownEvent, "not JSON");
        }
    }

    internal static string? Known(string? name) => Events.FirstOrDefault(e => string.Equals(e, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed record BodyReading(int Bytes, bool IsTooLarge, string Event, string Shape)
{
    public static BodyReading TooLarge { get; } = new(NotificationBody.MaxBytes + 1, true, NotificationBody.UnknownEvent, "too large");
}
