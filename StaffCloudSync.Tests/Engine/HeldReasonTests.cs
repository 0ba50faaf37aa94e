using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Tests.Engine;

/// <summary>A held run's reason names only what it holds: deletions over the threshold, unproven persons, or both.</summary>
public class HeldReasonTests
{
    private const string ReadsSingly = "reads the missing persons singly and deletes only those StaffCloud answers 404 for";

    [Test]
    public void DeletionsOverTheThresholdOnly_SayNothingOfUnprovenPersonsOrSingleReads()
    {
        var reason = RunConclusion.HeldReason(new DeletionGuardDecision(11, 0, 40, 10, Tripped: true));

        Assert.That(reason, Is.EqualTo(
            "11 deletions held: more than the threshold of 10 for 40 synced persons; check StaffCloud, then allow deletions for this tenant: the next run applies the held deletions"));
        Assert.That(reason, Does.Not.Contain("unproven").And.Not.Contain("singly").And.Not.Contain("404"));
    }

    [Test]
    public void UnprovenPersonsOnly_SayNoDeletionsHeld_AndThatTheyAreReadSingly()
    {
        var reason = RunConclusion.HeldReason(new DeletionGuardDecision(0, 0, 40, 10, Tripped: true) { Unproven = 12 });

        Assert.That(reason, Is.EqualTo(
            "12 records of persons StaffCloud's employees list left out held unproven (more than the threshold of 10, so not read singly); " +
            "check StaffCloud, then allow deletions for this tenant: the next run " + ReadsSingly));
        Assert.That(reason, Does.Not.Contain("deletions held").And.Not.Contain("applies"));
    }

    [Test]
    public void Both_SayBoth_AndWhatTheApprovalDoesForEach()
    {
        var reason = RunConclusion.HeldReason(new DeletionGuardDecision(3, 0, 40, 10, Tripped: true) { Unproven = 12 });

        Assert.That(reason, Does.StartWith("3 deletions held: more than the threshold of 10 for 40 synced persons; 12 records of persons StaffCloud's employees list left out held unproven")
            .And.EndWith("the next run applies the held deletions, " + ReadsSingly));
    }

    [Test]
    public void UnprovenPersonsWithoutTheGuardTripping_SayOnlyTheUnproven()
    {
        var reason = RunConclusion.HeldReason(new DeletionGuardDecision(2, 0, 40, 10, Tripped: false) { Unproven = 1 });

        Assert.That(reason, Does.StartWith("1 records of persons").And.EndWith(ReadsSingly).And.Not.Contain("deletions held"));
    }
}
