using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Rules;

/// <summary>sync-rules.md, "Tenant settings": defaults and the checks on every field.</summary>
public class TenantSettingsValidatorTests
{
    private static TenantSettings Valid() => new() { TenantId = "acme", StaffCloudApiTenant = "acme-events", MobieTrainAccountId = "acc_1" };

    [Test]
    public void Defaults_AreTheSpecs()
    {
        var settings = Valid();
        Assert.Multiple(() =>
        {
            Assert.That(settings.EffectiveStaffCloudTokenSecret, Is.EqualTo("staffcloud-token-acme"));
            Assert.That(settings.MobieTrainApiKeySecret, Is.EqualTo("mobietrain-api-key"));
            Assert.That(settings.Enabled, Is.True);
            Assert.That(settings.TimeZone, Is.EqualTo("Europe/Zurich"));
            Assert.That(settings.DefaultLanguage, Is.EqualTo("en"));
            Assert.That(settings.EffectiveGroupNameTemplate, Is.EqualTo("{name} ({start:yyyy-MM-dd})"));
            Assert.That(settings.PreserveManualGroups, Is.False);
            Assert.That(settings.InvitationMaxAgeMonths, Is.EqualTo(6));
            Assert.That(settings.DeletionThresholdPercent, Is.EqualTo(20));
            Assert.That(settings.DeletionThresholdMinimum, Is.EqualTo(10));
            Assert.That(settings.DeletionApprovalHours, Is.EqualTo(24));
            Assert.That(TenantSettingsValidator.Validate(settings), Is.Empty);
        });
    }

    private static IEnumerable<TestCaseData> InvalidRows()
    {
        yield return new TestCaseData(Valid() with { TenantId = "ac" }, "TenantId").SetName("TenantId too short");
        yield return new TestCaseData(Valid() with { TenantId = "Acme" }, "TenantId").SetName("TenantId upper case");
        yield return new TestCaseData(Valid() with { TenantId = new string('a', 64) }, "TenantId").SetName("TenantId too long");
        yield return new TestCaseData(Valid() with { StaffCloudApiTenant = "acme.evil.com" }, "StaffCloudApiTenant").SetName("ApiTenant with dots");
        yield return new TestCaseData(Valid() with { StaffCloudApiTenant = "-acme" }, "StaffCloudApiTenant").SetName("ApiTenant leading hyphen");
        yield return new TestCaseData(Valid() with { StaffCloudApiTenant = "" }, "StaffCloudApiTenant").SetName("ApiTenant empty");
        yield return new TestCaseData(Valid() with { StaffCloudTokenSecret = "token/acme" }, "StaffCloudTokenSecret").SetName("Token secret name");
        yield return new TestCaseData(Valid() with { MobieTrainAccountId = "" }, "MobieTrainAccountId").SetName("Account missing");
        yield return new TestCaseData(Valid() with { MobieTrainAccountId = "a/b" }, "MobieTrainAccountId").SetName("Account with slash");
        yield return new TestCaseData(Valid() with { MobieTrainApiKeySecret = "" }, "MobieTrainApiKeySecret").SetName("Api key secret empty");
        yield return new TestCaseData(Valid() with { TimeZone = "Mars/Olympus" }, "TimeZone").SetName("Unknown time zone");
        yield return new TestCaseData(Valid() with { DefaultLanguage = "English" }, "DefaultLanguage").SetName("Language not a code");
        yield return new TestCaseData(Valid() with { GroupNameTemplate = "{title}" }, "GroupNameTemplate").SetName("Bad template");
        yield return new TestCaseData(Valid() with { InvitationMaxAgeMonths = 0 }, "InvitationMaxAgeMonths").SetName("Max age zero");
        yield return new TestCaseData(Valid() with { DeletionThresholdPercent = 51 }, "DeletionThresholdPercent").SetName("Percent over the cap of 50");
        yield return new TestCaseData(Valid() with { DeletionThresholdPercent = -1 }, "DeletionThresholdPercent").SetName("Percent negative");
        yield return new TestCaseData(Valid() with { DeletionThresholdMinimum = 101 }, "DeletionThresholdMinimum").SetName("Minimum over the cap of 100");
        yield return new TestCaseData(Valid() with { DeletionApprovalHours = 0 }, "DeletionApprovalHours").SetName("Approval hours zero");
        yield return new TestCaseData(Valid() with { DeletionApprovalHours = 169 }, "DeletionApprovalHours").SetName("Approval hours over a week");
        yield return new TestCaseData(Valid() with { DeletionThresholdMinimum = -1 }, "DeletionThresholdMinimum").SetName("Minimum negative");
    }

    [TestCase(50, 100)]
    [TestCase(0, 0)]
    public void GuardSettings_AtTheirCaps_AreValid(int percent, int minimum) =>
        Assert.That(TenantSettingsValidator.Validate(Valid() with { DeletionThresholdPercent = percent, DeletionThresholdMinimum = minimum }), Is.Empty);

    [Test]
    public void GuardCap_ErrorSaysTheRange()
    {
        var error = TenantSettingsValidator.Validate(Valid() with { DeletionThresholdPercent = 80 }).Single();
        Assert.That(error.ToString(), Is.EqualTo("tenant 'acme': DeletionThresholdPercent: 80 is outside 0–50"));
    }

    [TestCaseSource(nameof(InvalidRows))]
    public void InvalidField_IsNamedWithTheTenant(TenantSettings settings, string field)
    {
        var errors = TenantSettingsValidator.Validate(settings);
        Assert.That(errors.Select(e => e.Field), Does.Contain(field));
        Assert.That(errors.First(e => e.Field == field).ToString(), Does.StartWith($"tenant '{settings.TenantId}': {field}:"));
    }

    [Test]
    public void EnsureValid_ThrowsWithEveryError()
    {
        var bad = Valid() with { TimeZone = "Nowhere", DefaultLanguage = "xx" };
        var error = Assert.Throws<TenantValidationException>(() => TenantSettingsValidator.EnsureValid(bad));
        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "TimeZone", "DefaultLanguage" }));
    }
}
