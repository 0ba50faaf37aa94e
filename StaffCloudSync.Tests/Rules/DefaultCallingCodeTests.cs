using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Tests.Rules;

/// <summary>
/// sync-rules.md, "Profile mapping", phone row with the tenant setting <c>DefaultCallingCode</c>: a national number that
/// starts with a single <c>0</c> takes the tenant's code instead of the <c>0</c>; without the setting nothing changes.
/// </summary>
public class DefaultCallingCodeTests
{
    [TestCase("079 123 45 67", "+41", "+41791234567")]
    [TestCase("079.123.45.67", "+41", "+41791234567")]
    [TestCase("(079) 123-45-67", "+41", "+41791234567")]
    [TestCase("0041 79 123 45 67", "+41", "+41791234567")] // 00 is the international prefix, never the trunk 0
    [TestCase("0049 151 2345678", "+41", "+491512345678")] // another country's number keeps its own code
    [TestCase("+41 79 123 45 67", "+41", "+41791234567")]
    [TestCase("+49 151 2345678", "+41", "+491512345678")]
    [TestCase("0 (212) 555-0123", "+1", "+12125550123")]
    [TestCase("0621 123 456", "+352", "+352621123456")]
    [TestCase("0", "+41", null)] // a lone 0: "+41" has too few digits
    [TestCase("012", "+41", null)] // +4112: 4 digits, under 6
    [TestCase("0123", "+352", "+352123")] // exactly 6 digits with the code
    [TestCase("012345678901234", "+41", null)] // +4112345678901234: 16 digits, over 15
    [TestCase("01234567890123", "+1", "+11234567890123")] // 14 digits with the code
    [TestCase("079 123 45 6x", "+41", null)]
    [TestCase("0 79 abc", "+41", null)]
    [TestCase("79 123 45 67", "+41", null)] // no trunk 0 and no +: not a number we can complete
    [TestCase("", "+41", null)]
    [TestCase(null, "+41", null)]
    public void Normalize_WithACode_NationalNumbersTakeIt(string? input, string code, string? expected) =>
        Assert.That(PhoneNumber.Normalize(input, code), Is.EqualTo(expected));

    [TestCase("079 123 45 67")]
    [TestCase("0621 123 456")]
    [TestCase("0")]
    public void Normalize_WithoutACode_NationalNumbersStayInvalid(string input) =>
        Assert.That(PhoneNumber.Normalize(input, defaultCallingCode: null), Is.Null);

    [TestCase("0041 79 123 45 67", "+41791234567")]
    [TestCase("+41 79 123 45 67", "+41791234567")]
    public void Normalize_WithoutACode_InternationalNumbersAreUnchanged(string input, string expected) =>
        Assert.That(PhoneNumber.Normalize(input, defaultCallingCode: null), Is.EqualTo(expected));

    [Test]
    public void FirstValid_ANationalMobileWins_OnceTheCodeMakesItValid()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PhoneNumber.FirstValid("079 123 45 67", "+41 44 000 00 00", "+41"), Is.EqualTo("+41791234567"));
            Assert.That(PhoneNumber.FirstValid("079 123 45 67", "+41 44 000 00 00", defaultCallingCode: null), Is.EqualTo("+41440000000"));
        }
    }

    [Test]
    public void MappedProfile_AnEmployeeWithOnlyANationalNumber_HasContactOnlyWithTheCode()
    {
        var employee = new StaffCloudEmployee(12, 4, "Ana", "Lopez", null, "079 123 45 67", null, "de");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(MappedProfile.From(employee, "+41").Phone, Is.EqualTo("+41791234567"));
            Assert.That(MappedProfile.From(employee, "+41").HasContact, Is.True);
            Assert.That(MappedProfile.From(employee, defaultCallingCode: null).HasContact, Is.False);
        }
    }
}
