namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>Phone numbers: spaces, dots, dashes and brackets removed, a leading <c>00</c> becomes <c>+</c>; with the tenant's
/// <c>DefaultCallingCode</c>, a number that then starts with a single <c>0</c> becomes that code followed by the digits
/// after the <c>0</c>; what is then not <c>+</c> followed by 6–15 digits is invalid (sync-rules.md, profile mapping).</summary>
public static class PhoneNumber
{
    /// <summary>The number in <c>+digits</c> form, or null when absent or invalid. <paramref name="defaultCallingCode"/> is the
    /// tenant's (validated <c>+</c> and 1–3 digits) or null; it is a required argument so that no caller maps a phone
    /// without the tenant's code by accident — StaffCloud's and MobieTrain's numbers must be read alike, or a second
    /// run would write again.</summary>
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
            // A national number (079 …): the single trunk 0 gives way to the tenant's code. "00" was made "+" above,
            // so only a single 0 gets here.
            return Validated(string.Concat(defaultCallingCode.AsSpan(), compact[1..]));
        }

        return Validated(compact);
    }

    /// <summary>The first valid of the employee's mobile and phone, each read with the tenant's calling code.</summary>
    public static string? FirstValid(string? mobile, string? phone, string? defaultCallingCode) =>
        Normalize(mobile, defaultCallingCode) ?? Normalize(phone, defaultCallingCode);

    private static string? Validated(ReadOnlySpan<char> compact) =>
        compact.Length is < 7 or > 16 || compact[0] != '+' || compact[1..].ContainsAnyExceptInRange('0', '9') ? null : new string(compact);
}
