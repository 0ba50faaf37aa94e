using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>An employee's profile as MobieTrain should hold it (sync-rules.md, "Profile mapping"). A null field is absent
/// or invalid in StaffCloud and never clears MobieTrain's value; <see cref="Language"/> is null when
/// <c>communication_language</c> names no known language (an invitation then takes the tenant default).</summary>
public sealed record MappedProfile(string? FirstName, string? LastName, string? Email, string? Phone, string? Language)
{
    /// <summary>First and last name are both present: otherwise the employee is skipped as InvalidProfile.</summary>
    public bool HasNames => FirstName is not null && LastName is not null;

    /// <summary>A valid e-mail or phone: otherwise an invitation cannot reach them (NoContact).</summary>
    public bool HasContact => Email is not null || Phone is not null;

    /// <param name="defaultCallingCode">The tenant's <c>DefaultCallingCode</c> or null (see <see cref="PhoneNumber.Normalize"/>).</param>
    public static MappedProfile From(StaffCloudEmployee employee, string? defaultCallingCode) => new(
        PersonName.Normalize(employee.FirstName),
        PersonName.Normalize(employee.LastName),
        EmailAddress.Normalize(employee.Email),
        PhoneNumber.FirstValid(employee.Mobile, employee.Phone, defaultCallingCode),
        LanguageCode.Resolve(employee.CommunicationLanguage));

    /// <summary>Which of the two names is missing, for the skip detail.</summary>
    public string MissingNames => (FirstName, LastName) switch
    {
        (null, null) => "firstname and lastname are empty",
        (null, _) => "firstname is empty",
        (_, null) => "lastname is empty",
        _ => string.Empty,
    };
}
