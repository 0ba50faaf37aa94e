using Azure;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Storage;

/// <summary>A row's settings are read as valid only from a valid row: the accessor says which tenant when it is not.</summary>
public sealed class TenantRecordTests
{
    [Test]
    public void ValidSettings_OfAValidRow_AreItsSettings()
    {
        var settings = Plans.DefaultTenant();

        Assert.That(new TenantRecord(settings.TenantId, settings, [], null, ETag.All).ValidSettings, Is.SameAs(settings));
    }

    [Test]
    public void ValidSettings_OfARowWithErrors_FailNamingTheTenant()
    {
        var settings = Plans.DefaultTenant();
        var record = new TenantRecord(settings.TenantId, settings, [new TenantSettingError(settings.TenantId, "TimeZone", "unknown")], null, ETag.All);

        Assert.That(() => record.ValidSettings, Throws.InvalidOperationException.With.Message.Contains($"tenant '{settings.TenantId}' has an invalid row"));
    }

    [Test]
    public void ValidSettings_OfAnUnreadableRow_FailNamingTheTenant()
    {
        var record = new TenantRecord("broken", null, [new TenantSettingError("broken", "row", "unreadable")], null, ETag.All);

        Assert.That(() => record.ValidSettings, Throws.InvalidOperationException.With.Message.Contains("tenant 'broken'"));
    }
}
