namespace StaffCloudSync.Core.Partners.Http;

/// <summary>A hash of a write's intent; the run id is in it on purpose (docs/decisions.md): the same change in a later run is new.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    public static string Derive(params string?[] parts)
    {
        var joined = string.Join('\u001f', parts.Select(p => p ?? "\u0000"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }

    public static bool IsPresent(HttpRequestMessage? request) =>
        request is not null && request.Headers.Contains(HeaderName);
}
