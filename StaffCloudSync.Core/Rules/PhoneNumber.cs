namespace StaffCloudSync.Core.Rules;

/// <summary>
/// Phone numbers: spaces, dots, dashes and brackets removed, a leading <c>00</c> becomes <c>+</c>; what is then
/// not <c>+</c> followed by 6–15 digits is invalid (sync-rules.md, profile mapping).
/// </summary>
public static class PhoneNumber
{
    /// <summary>The number in <c>+digits</c> form, or null when absent or invalid.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Math.Min(value.Length, 64)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '.' or '-' or '(' or ')' or '[' or ']')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return null;
            }

            buffer[length++] = c;
        }

        var compact = buffer[..length];
        if (compact.StartsWith("00"))
        {
            compact[1] = '+';
            compact = compact[1..];
        }

        if (compact.Length is < 7 or > 16 || compact[0] != '+')
        {
            return null;
        }

        foreach (var c in compact[1..])
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        return new string(compact);
    }

    /// <summary>The first valid of the employee's mobile and phone.</summary>
    public static string? FirstValid(string? mobile, string? phone) => Normalize(mobile) ?? Normalize(phone);
}
