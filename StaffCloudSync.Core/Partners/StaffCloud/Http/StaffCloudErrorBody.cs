namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>The human part of a StaffCloud error answer for the run record: one line, about 200 characters, the token blanked.</summary>
internal static partial class StaffCloudErrorBody
{
    public const string InvalidTokenStructure = "Invalid security token structure";
    private const int MaxLength = 200;

    // A larger error body (an HTML error page) is not worth reading in full; of one that is not StaffCloud's, a run record shows 60 characters.
    private const int MaxBytes = 16 * 1024;
    private const int PrefixLength = 60;

    // An error body is only mined for a message: a trailing comma does not hide it.
    private static readonly StaffCloudJson LenientJson = new(new JsonSerializerOptions { AllowTrailingCommas = true });

    /// <summary>A 401, or a 400 whose body says the token is malformed (maybe a rotated secret); the body is put back buffered.</summary>
    public static async Task<bool> IsTokenRefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return response.StatusCode == HttpStatusCode.Unauthorized;

        var body = await ReadPrefixAsync(response, cancellationToken);
        var buffered = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);

        response.Content.Dispose();
        response.Content = buffered;
        return Says(body, InvalidTokenStructure);
    }

    /// <summary>The cleaned message, and whether the body says the token is malformed (in whichever field: it varies).</summary>
    public static async Task<(string? Message, bool InvalidToken)> ReadAsync(
        HttpResponseMessage response, string token, CancellationToken cancellationToken)
    {
        var body = await ReadPrefixAsync(response, cancellationToken);
        return (Clean(MessageOf(Parse(body)), token), Says(body, InvalidTokenStructure));
    }

    /// <summary>A 404 proves absence only as StaffCloud's own JSON error answer (sync-rules.md, "deactivated employee").</summary>
    public static async Task<(bool Proves, string Description)> ReadNotFoundAsync(
        HttpResponseMessage response, string token, CancellationToken cancellationToken)
    {
        var body = await ReadPrefixAsync(response, cancellationToken);
        if (body.Length == 0)
            return (false, "an empty body");

        if (Parse(body) is not { } root)
        {
            var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 256));
            return (false, $"a body that is not JSON, starting '{Clean(start, token, PrefixLength)}'");
        }

        if (root.ValueKind != JsonValueKind.Object)
            return (false, $"JSON that is not an object ({root.ValueKind.ToString().ToLowerInvariant()})");

        // {"error": {...}} without a message of its own is still StaffCloud's error shape.
        var message = MessageOf(root) ?? (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? "error" : null);
        return message is not null
            ? (true, $"a JSON error answer ('{Clean(message, token, PrefixLength)}')")
            : (false, "a JSON object without 'message' or 'error'");
    }

    private static bool Says(byte[] body, string text) => Encoding.UTF8.GetString(body).Contains(text, StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxBytes];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return buffer[..length];
        }
        catch (Exception ex)
            when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The status code alone still tells what happened.
            return [];
        }
    }

    private static JsonElement? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, LenientJson.JsonElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? MessageOf(JsonElement? root) => root is { ValueKind: JsonValueKind.Object } value
        ? TextOf(value, "message") ?? TextOf(value, "error")
            ?? (value.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? TextOf(error, "message") : null)
        : null;

    private static string? TextOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static string? Clean(string? message, string token, int maxLength = MaxLength)
    {
        if (message is null)
            return null;

        var line = Spaces().Replace(token.Length > 0 ? message.Replace(token, "***", StringComparison.Ordinal) : message, " ").TrimStart(' ');
        var text = line[..Math.Min(line.Length, maxLength + 1)].Trim();
        return text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
    }

    // Control characters as spaces, and a run of spaces as one: the message on one line.
    [GeneratedRegex(@"[ \p{Cc}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
