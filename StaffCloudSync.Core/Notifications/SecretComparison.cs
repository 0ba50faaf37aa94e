using System.Security.Cryptography;

namespace StaffCloudSync.Core.Notifications;

/// <summary>
/// The notification URL's secret against the tenant's, in constant time: both are hashed first, so neither the
/// position of the first difference nor a difference in length shows in how long the answer takes.
/// </summary>
internal static class SecretComparison
{
    public static bool Matches(string? given, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Span<byte> givenHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> expectedHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(given ?? string.Empty), givenHash);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), expectedHash);
        var equal = CryptographicOperations.FixedTimeEquals(givenHash, expectedHash);

        // An empty secret never matches, even an empty one stored by mistake: it would open the endpoint to anyone.
        return equal && !string.IsNullOrEmpty(given);
    }

    /// <summary>The same work as a comparison, for a request whose tenant is unknown: it answers as slowly as a wrong secret.</summary>
    public static void Burn(string? given) => _ = Matches(given, "no-tenant-has-this-secret");
}
