namespace StaffCloudSync.Core.Partners.Http;

/// <summary>A hash of a write's intent; the run id is in it on purpose (docs/decisions.md): the same change in a later run is new.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    public static string Derive(params string?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p ?? "\u0000")))));
}
