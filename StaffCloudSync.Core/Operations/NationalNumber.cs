using StaffCloudSync.Core.Rules;

namespace StaffCloudSync.Core.Operations;

/// <summary>
/// The <c>DefaultCallingCode</c> clause of the phone mapping (sync-rules.md): a number that, once spaces, dots, dashes and
/// brackets are gone, starts with a single <c>0</c> becomes the calling code followed by the digits after the <c>0</c>.
/// The check asks it of StaffCloud's values before a first run. (Kept here until <see cref="PhoneNumber"/> takes the code
/// itself; then this calls that overload.)
/// </summary>
public static class NationalNumber
{
    /// <summary>The calling code the check tries when the tenant has none: any 2-digit code gives the same answer.</summary>
    public const string ProbeCallingCode = "+41";

    /// <summary>The number with <paramref name="callingCode"/> in <c>+digits</c> form, or null when it is not national or still invalid.</summary>
    public static string? WithCallingCode(string? value, string callingCode)
    {
        ArgumentNullException.ThrowIfNull(callingCode);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var compact = new string(value.Where(c => !(char.IsWhiteSpace(c) || c is '.' or '-' or '(' or ')' or '[' or ']')).ToArray());
        if (compact.Length < 2 || compact[0] != '0' || compact[1] == '0')
        {
            return null;
        }

        return PhoneNumber.Normalize(callingCode + compact[1..]);
    }

    /// <summary>The first valid of mobile and phone, each as it is or, when national, with the calling code.</summary>
    public static string? FirstValid(string? mobile, string? phone, string? callingCode) =>
        callingCode is null
            ? PhoneNumber.FirstValid(mobile, phone)
            : PhoneNumber.Normalize(mobile) ?? WithCallingCode(mobile, callingCode) ?? PhoneNumber.Normalize(phone) ?? WithCallingCode(phone, callingCode);
}
