namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>Phone numbers as sync-rules.md, "Profile mapping", reads them.</summary>
public static class PhoneNumber
{
    /// <summary><paramref name="defaultCallingCode"/> is required so no caller forgets it: StaffCloud's and MobieTrain's numbers must
    /// be read alike, or a second run would write again.</summary>
    public static string? Normalize(string? value, string? defaultCallingCode)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;

        Span<char> buffer = stackalloc char[Math.Min(value.Length, 64)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '.' or '-' or '(' or ')' or '[' or ']')
                continue;

            if (length == buffer.Length)
                return null;

            buffer[length++] = c;
        }

        ReadOnlySpan<char> compact = buffer[..length];
        if (compact.StartsWith("00"))
        {
            buffer[1] = '+';
            compact = buffer[1..length];
        }
        else if (defaultCallingCode is not null && compact.StartsWith("0"))
        {
            // A national number (079 …): the single trunk 0 gives way to the tenant's code.
            return Validated(string.Concat(defaultCallingCode.AsSpan(), compact[1..]));
        }

        return Validated(compact);
    }

    public static string? FirstValid(string? mobile, string? phone, string? defaultCallingCode) =>
        Normalize(mobile, defaultCallingCode) ?? Normalize(phone, defaultCallingCode);

    private static string? Validated(ReadOnlySpan<char> compact) =>
        compact.Length is < 7 or > 16 || compact[0] != '+' || compact[1..].ContainsAnyExceptInRange('0', '9') ? null : new string(compact);
}
