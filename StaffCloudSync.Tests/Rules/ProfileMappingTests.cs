using StaffCloudSync.Core.Engine.Rules;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Tests.Rules;

/// <summary>sync-rules.md, "Profile mapping": one case per row and edge.</summary>
public class ProfileMappingTests
{
    [TestCase("Ana", "Ana")]
    [TestCase("  Ana  ", "Ana")]
    [TestCase("An\ta\n", "Ana")]
    [TestCase("", null)]
    [TestCase("   ", null)]
    [TestCase(null, null)]
    public void Names_AreTrimmed_AndEmptyMeansAbsent(string? input, string? expected) =>
        Assert.That(PersonName.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void Names_LongerThan255_AreCutTo255()
    {
        var name = PersonName.Normalize(new string('x', 10_000));
        Assert.That(name, Has.Length.EqualTo(255));
    }

    [Test]
    public void Names_CutNeverSplitsASurrogatePair()
    {
        var name = PersonName.Normalize(new string('x', 254) + "😀😀");
        Assert.That(name, Is.EqualTo(new string('x', 254)));
    }

    [TestCase("ana@example.com", "ana@example.com")]
    [TestCase("  Ana@Example.com ", "Ana@Example.com")]
    [TestCase("ana.lopez+tag@mail.example.ch", "ana.lopez+tag@mail.example.ch")]
    [TestCase("ana@", null)]
    [TestCase("@example.com", null)]
    [TestCase("ana example.com", null)]
    [TestCase("ana@@example.com", null)]
    [TestCase("ana@localhost", null)]
    [TestCase("ana @example.com", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void Email_IsTrimmed_AndAnInvalidAddressCountsAsAbsent(string? input, string? expected) =>
        Assert.That(EmailAddress.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void Email_IsComparedCaseInsensitively()
    {
        Assert.That(EmailAddress.AreSame("Ana@Example.COM", "ana@example.com"), Is.True);
        Assert.That(EmailAddress.AreSame("ana@example.com", "ana2@example.com"), Is.False);
        Assert.That(EmailAddress.AreSame("ana@example.com", null), Is.False);
    }

    [TestCase("+41 79 123 45 67", "+41791234567")]
    [TestCase("0041 79 123 45 67", "+41791234567")]
    [TestCase("+41 (79) 123-45.67", "+41791234567")]
    [TestCase("+41 [79] 123 45 67", "+41791234567")]
    [TestCase("079 123 45 67", null)]
    [TestCase("+41 79 123 45 6x", null)]
    [TestCase("+12345", null)]
    [TestCase("+123456", "+123456")]
    [TestCase("+123456789012345", "+123456789012345")]
    [TestCase("+1234567890123456", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void Phone_SeparatorsRemoved_00BecomesPlus_ElseSixToFifteenDigits(string? input, string? expected) =>
        Assert.That(PhoneNumber.Normalize(input, defaultCallingCode: null), Is.EqualTo(expected));

    [TestCase("+41 79 123 45 67", "+41 44 000 00 00", "+41791234567")]
    [TestCase("079 123", "+41 44 000 00 00", "+41440000000")]
    [TestCase(null, "0041 44 000 00 00", "+41440000000")]
    [TestCase("bad", "also bad", null)]
    public void Phone_IsTheFirstValidOfMobileThenPhone(string? mobile, string? phone, string? expected) =>
        Assert.That(PhoneNumber.FirstValid(mobile, phone, defaultCallingCode: null), Is.EqualTo(expected));

    [TestCase("de", "de")]
    [TestCase("DE", "de")]
    [TestCase("de-CH", "de")]
    [TestCase("fr_CH", "fr")]
    [TestCase("Deutsch", "de")]
    [TestCase("German", "de")]
    [TestCase("Français", "fr")]
    [TestCase("francais", "fr")]
    [TestCase("French", "fr")]
    [TestCase("italiano", "it")]
    [TestCase("English", "en")]
    [TestCase("Klingon", null)]
    [TestCase("xx", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void Language_AcceptsCodesAndOwnOrEnglishNames(string? input, string? expected) =>
        Assert.That(LanguageCode.Resolve(input), Is.EqualTo(expected));

    [TestCase("7", 7L)]
    [TestCase("0", null)] // no StaffCloud id is 0: it could not be read singly, so the record is protected
    [TestCase("000", null)]
    [TestCase("007", null)] // not how the sync writes 7: another integration's number, protected
    [TestCase("123456789012345678", 123456789012345678L)]
    [TestCase("1234567890123456789", null)]
    [TestCase("emp-7", null)]
    [TestCase("-7", null)]
    [TestCase("7 ", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void ExternalId_OfASyncedPersonIsDecimalDigits(string? externalId, long? expected) =>
        Assert.That(ExternalId.TryParseEmployeeId(externalId), Is.EqualTo(expected));

    [Test]
    public void MappedProfile_TakesEveryRow()
    {
        var profile = MappedProfile.From(new StaffCloudEmployee(1, 4, " Ana ", "Lopez", " ANA@example.com ", "bad", "0041 79 123 45 67", "Deutsch"), defaultCallingCode: null);
        Assert.That(profile, Is.EqualTo(new MappedProfile("Ana", "Lopez", "ANA@example.com", "+41791234567", "de")));
        Assert.That(profile.HasNames && profile.HasContact, Is.True);
    }
}
