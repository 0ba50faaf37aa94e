using System.Text.Json;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>
/// An externalId is read exactly as MobieTrain holds it: white space around it is part of another integration's id, so
/// trimming would turn <c>" 12"</c> into StaffCloud employee 12 (sync-rules.md, "synced person").
/// </summary>
public class ExternalIdReadingTests
{
    [TestCase(" 12")]
    [TestCase("12 ")]
    [TestCase("\u00a012")]
    public void ReadUser_ExternalIdWithWhiteSpace_IsKeptAsIs_AndIsNoSyncedPerson(string externalId)
    {
        var user = MobieTrainAnswers.ReadUser(Json(new { id = "u-1", externalId, firstName = "A", lastName = "B" }));

        Assert.Multiple(() =>
        {
            Assert.That(user.ExternalId, Is.EqualTo(externalId));
            Assert.That(ExternalId.TryParseEmployeeId(user.ExternalId), Is.Null);
        });
    }

    [Test]
    public void ReadInvitation_CanonicalExternalId_IsEmployeeId()
    {
        var invitation = MobieTrainAnswers.ReadInvitation(Json(new { id = "i-1", externalId = "12", firstName = "A", lastName = "B" }));

        Assert.That(ExternalId.TryParseEmployeeId(invitation.ExternalId), Is.EqualTo(12));
    }

    [Test]
    public void ReadUserGroup_ExternalIdWithWhiteSpace_IsNoSyncOwnedGroup()
    {
        var group = MobieTrainAnswers.ReadUserGroup(Json(new { id = "g-1", name = "Fair", externalId = " staffcloud-event-10" }));

        Assert.That(GroupExternalIds.IsSyncOwned(group.ExternalId), Is.False);
    }

    private static MobieTrainAnswer? Json(object value) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value), MobieTrainJson.Default.MobieTrainAnswer);
}
