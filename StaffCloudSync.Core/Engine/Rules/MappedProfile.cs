using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>An employee's profile as MobieTrain should hold it (sync-rules.md, "Profile mapping"); a null field never clears MobieTrain's.</summary>
public sealed record MappedProfile(string? FirstName, string? LastName, string? Email, string? Phone, string? Language)
{
    public bool HasNames => FirstName is not null && LastName is not null;
    public bool HasContact => Email is not null || Phone is not null;

    public static MappedProfile From(StaffCloudEmployee employee, string? defaultCallingCode) => new(
        PersonName.Normalize(employee.FirstName), PersonName.Normalize(employee.LastName), EmailAddress.Normalize(employee.Email),
        PhoneNumber.FirstValid(employee.Mobile, employee.Phone, defaultCallingCode), LanguageCode.Resolve(employee.CommunicationLanguage));

    public string MissingNames => (FirstName, LastName) switch
    {
        (null, null) => "firstname and lastname are empty",
        (null, _) => "firstname is empty",
        (_, null) => "lastname is empty",
        _ => string.Empty,
    };
}
