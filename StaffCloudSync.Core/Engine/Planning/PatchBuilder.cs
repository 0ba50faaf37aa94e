using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Core.Engine.Planning;

/// <summary>Collects the fields that differ between MobieTrain's current values and StaffCloud's mapped ones.</summary>
internal sealed class PatchBuilder
{
    private string? _firstName;
    private string? _lastName;
    private string? _language;

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public List<GroupRef>? Groups { get; set; }

    /// <summary>Names compare exactly: a changed capitalisation in StaffCloud is a change.</summary>
    public void Names(MobieTrainProfile current, MappedProfile desired)
    {
        if (desired.FirstName is { } first && !string.Equals(first, current.FirstName, StringComparison.Ordinal))
        {
            _firstName = first;
        }

        if (desired.LastName is { } last && !string.Equals(last, current.LastName, StringComparison.Ordinal))
        {
            _lastName = last;
        }
    }

    /// <summary>
    /// Only a language StaffCloud names is written: an absent or unknown one leaves MobieTrain's as it is (the
    /// tenant default is for new invitations), so a value "never clears" what MobieTrain has.
    /// </summary>
    public void Language(MobieTrainProfile current, MappedProfile desired)
    {
        if (desired.Language is { } language && !string.Equals(language, current.Language, StringComparison.OrdinalIgnoreCase))
        {
            _language = language;
        }
    }

    public PlannedPatch Build()
    {
        var changed = new List<string>(6);
        if (_firstName is not null) changed.Add("firstName");
        if (_lastName is not null) changed.Add("lastName");
        if (Email is not null) changed.Add("email");
        if (Phone is not null) changed.Add("phone");
        if (_language is not null) changed.Add("language");
        if (Groups is not null) changed.Add("groups");
        return new PlannedPatch(_firstName, _lastName, Email, Phone, _language, Groups, changed);
    }
}
