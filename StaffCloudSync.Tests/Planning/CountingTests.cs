using StaffCloudSync.Core.Engine.Planning;

namespace StaffCloudSync.Tests.Planning;

/// <summary>sync-rules.md, "Counting": one count per person or group and action, whatever the number of fields.</summary>
public class CountingTests
{
    [Test]
    public void Counts_OnePerPersonAndAction_ReplacementOnlyAsReplaced()
    {
        var plan = new Plans()
            .Event(10).Event(11, "Gala", "2026-04-01 18:00:00", "2026-04-01 23:00:00").EventGroup(10)
            .Group("g9", "Old name", "staffcloud-event-9")
            .Event(12, "Moved", "2026-05-01 08:00:00", "2026-05-01 09:00:00").Group("g12", "Before move", "staffcloud-event-12")
            .Employee(1).Assignment(1, 10).Assignment(1, 11)                                      // invited (needs new group 11)
            .Employee(2, first: "New", last: "Name").Assignment(2, 10).User("2", groups: "g9")     // user: names + groups in one
            .Employee(3, last: "New").Assignment(3, 10).Invitation("3", last: "Old", groups: "g10") // invitation updated
            .Employee(4, email: "changed@example.com").Assignment(4, 10).Invitation("4", groups: "g10") // replaced
            .Employee(5, status: 5).User("5").Invitation("5")                                     // removed both
            .Employee(6).Invitation("6", createdAt: Plans.Now.AddYears(-1))                       // expired
            .Employee(7, email: null).Assignment(7, 10)                                           // skipped NoContact
            .Employee(8).Assignment(8, 12).User("8", groups: "g12")                               // group 12 renamed
            .Plan();

        Assert.That(plan.PlannedCounts(), Is.EqualTo(new SyncCounts
        {
            Invited = 1,
            UsersUpdated = 1,
            InvitationsUpdated = 1,
            InvitationsReplaced = 1,
            UsersRemoved = 1,
            InvitationsRemoved = 1,
            InvitationsExpired = 1,
            GroupsCreated = 1,
            GroupsRenamed = 1,
            Skipped = 1,
        }));
        Assert.That(plan.PlannedCounts().MinimalWrites, Is.EqualTo(10));
    }
}
