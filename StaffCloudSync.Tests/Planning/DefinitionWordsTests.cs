using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Partners.MobieTrain;

namespace StaffCloudSync.Tests.Planning;

/// <summary>
/// The words the reader, the planner and the explainer all ask of <see cref="Definitions"/>: synced, protected and stale,
/// each against values written out here from sync-rules.md rather than derived from the code.
/// </summary>
public sealed class DefinitionWordsTests
{
    [TestCase("42", 42L)]
    [TestCase("1", 1L)]
    [TestCase(null, null)]
    [TestCase("", null)]
    [TestCase("0", null)]
    [TestCase("-5", null)]
    [TestCase("12a", null)]
    [TestCase(" 12", null)]
    [TestCase("staffcloud-event-7", null)]
    [TestCase("manual-admin", null)]
    public void SyncedEmployeeId_IsTheIdOfASyncedPerson_NullForAProtectedOne(string? externalId, long? employeeId)
    {
        Assert.That(Definitions.SyncedEmployeeId(externalId), Is.EqualTo(employeeId));
    }

    // The run on 31 August 2026 12:00 UTC with 6 months: AddMonths(-6) clamps to 28 February 2026 12:00 (no 31 February).
    [TestCase("2026-02-28T12:00:00Z", true)]
    [TestCase("2026-02-28T11:59:59Z", true)]
    [TestCase("2026-02-28T12:00:01Z", false)]
    [TestCase("2026-03-01T00:00:00Z", false)]
    public void Stale_IsCreatedAtOrBeforeTheRunMinusCalendarMonths_Clamped(string createdAt, bool stale)
    {
        var invitation = Invitation(DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(Definitions.IsStale(invitation, 6, new DateTimeOffset(2026, 8, 31, 12, 0, 0, TimeSpan.Zero)), Is.EqualTo(stale));
    }

    [Test]
    public void Stale_NeverWithoutACreationTime()
    {
        Assert.That(Definitions.IsStale(Invitation(null), 0, DateTimeOffset.MaxValue), Is.False);
    }

    private static MobieTrainInvitation Invitation(DateTimeOffset? createdAt) =>
        new("inv-1", "1", new MobieTrainProfile("A", "B", "a@example.com", null, null), [], createdAt);
}
