using StaffCloudSync.Core.Partners.Http;

namespace StaffCloudSync.Tests.Http;

/// <summary>sync-rules.md, "Record-level errors": MobieTrain's message is kept with addresses, phones and key-like text masked.</summary>
public class ErrorTextMaskTests
{
    [TestCase("email zoe.muster@example.ch already exists", "email [email] already exists")]
    [TestCase("Email \"Zoe.Muster+events@sub.example.co.uk\" is taken", "Email \"[email]\" is taken")]
    [TestCase("phone +41 79 123 45 67 is invalid", "phone [phone] is invalid")]
    [TestCase("phone 0041 (79) 123-45-67 rejected", "phone [phone] rejected")]
    [TestCase("bad key mt-api-key-4b7e2a", "bad key [key]")]
    [TestCase("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Authorization: [key] [key]")]
    [TestCase("token=abc", "token=[key]")]
    [TestCase("request 9f3c1d2e7a6b4c5d8e9f0a1b2c3d4e5f failed", "request [key] failed")]
    public void Mask_MasksPersonalDataAndKeys(string message, string expected) =>
        Assert.That(ErrorTextMask.Mask(message), Is.EqualTo(expected));

    [TestCase("firstName is required")]
    [TestCase("unknown group id g-12 in userGroupIds")]
    [TestCase("limit of 255 characters exceeded")]
    [TestCase("the record no longer exists")]
    public void Mask_LeavesPlainExplanationsAlone(string message) =>
        Assert.That(ErrorTextMask.Mask(message), Is.EqualTo(message));

    [Test]
    public void Mask_MasksAllOfAMessageHoldingAnAddressAPhoneAndAKeyAtOnce()
    {
        const string key = "mt-sandbox-0f8e7d6c5b4a39281706f5e4d3c2b1a0";
        var masked = ErrorTextMask.Mask($"user ana.lopez@example.com (+41 79 555 66 77) exists; your key {key} is rate limited");

        Assert.That(masked, Does.Not.Contain("ana.lopez").And.Not.Contain("555 66 77").And.Not.Contain(key).And.Not.Contain("0f8e7d6c"));
        Assert.That(masked, Is.EqualTo("user [email] ([phone]) exists; your key [key] is rate limited"));
    }
}
