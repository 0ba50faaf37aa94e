using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Tests.Rules;

/// <summary>
/// sync-rules.md, "synced person": the externalId the sync writes — the canonical decimal form of a positive number, at
/// most 18 digits. Any other spelling of a number is another integration's personnel number: protected.
/// </summary>
public class CanonicalExternalIdTests
{
    [TestCase("12", 12L)]
    [TestCase("1", 1L)]
    [TestCase("10", 10L)]
    [TestCase("100000000000000000", 100000000000000000L)] // 18 digits
    [TestCase("999999999999999999", 999999999999999999L)]
    public void CanonicalIds_AreSyncedPersons(string externalId, long employeeId)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Definitions.SyncedEmployeeId(externalId), Is.EqualTo(employeeId));
            Assert.That(ExternalId.ForEmployee(employeeId), Is.EqualTo(externalId), "the sync writes exactly this");
        }
    }

    [TestCase("0012")]
    [TestCase("012")]
    [TestCase("00")]
    [TestCase("0")]
    [TestCase("+12")]
    [TestCase("-5")]
    [TestCase(" 12")]
    [TestCase("12 ")]
    [TestCase("1 2")]
    [TestCase("\t12")]
    [TestCase("12.0")]
    [TestCase("12,0")]
    [TestCase("1e3")]
    [TestCase("0x1F")]
    [TestCase("１２")] // full-width digits
    [TestCase("١٢")] // Arabic-Indic digits
    [TestCase("१२")] // Devanagari digits
    [TestCase("1000000000000000000")] // 19 digits
    [TestCase("9999999999999999999")]
    [TestCase("99999999999999999999999")]
    [TestCase("")]
    [TestCase(null)]
    public void OtherSpellings_AreProtected(string? externalId)
    {
        Assert.That(Definitions.SyncedEmployeeId(externalId), Is.Null, "not a synced person: protected");
    }

    [TestCase("staffcloud-event-10", 10L)]
    [TestCase("staffcloud-event-010", 10L)] // a sync-owned group is staffcloud-event-<digits>: leading zeros still name the event
    [TestCase("staffcloud-event-0", null)]
    [TestCase("staffcloud-event-+10", null)]
    public void EventGroupIds_KeepReadingDigits(string externalId, long? eventId) =>
        Assert.That(GroupExternalIds.TryParseEventGroup(externalId), Is.EqualTo(eventId));

    [TestCase("0012", true)]
    [TestCase("+12", true)]
    [TestCase(" 12", true)]
    [TestCase("12.0", true)]
    [TestCase("12", false)] // the synced person itself
    [TestCase("13", false)]
    [TestCase("0013", false)]
    [TestCase("emp-12", false)]
    [TestCase(null, false)]
    public void LooksLike_NamesTheProtectedSpellingsOfAnId(string? externalId, bool looksLike) =>
        Assert.That(ExternalId.LooksLike(externalId, 12), Is.EqualTo(looksLike));
}
