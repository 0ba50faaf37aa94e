using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Tests.Results;

/// <summary>The results file's lines and quoting from hand-made run records (narrow unit tests; no storage).</summary>
public class RunResultsCsvTests
{
    private static RunRecord Run() => new() { TenantId = "acme", RunId = "r1", StartedAt = new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero) };

    [Test]
    public void Fields_WithCommaQuoteOrLineBreak_AreQuoted_Rfc4180()
    {
        var csv = RunResults.ToCsv([
            new RunResultRow(7, "u-7", "updateUser", "ExistingUserUpdated", "refused, \"twice\"\nreally", "failed"),
            new RunResultRow(8, null, "skip", null, "NoContact", "skipped"),
        ]);

        Assert.That(csv, Is.EqualTo(
            "employeeId,mobieTrainId,action,rule,reason,outcome\r\n"
            + "7,u-7,updateUser,ExistingUserUpdated,\"refused, \"\"twice\"\"\nreally\",failed\r\n"
            + "8,,skip,,NoContact,skipped\r\n"));
    }

    [Test]
    public void AFieldThatStartsLikeAFormula_IsShownAsText()
    {
        var csv = RunResults.ToCsv([new RunResultRow(9, "@u9", "updateUser", "ExistingUserUpdated", "=HYPERLINK(\"x\")", "-1")]);

        Assert.That(csv.Split("\r\n")[1], Is.EqualTo("9,'@u9,updateUser,ExistingUserUpdated,\"'=HYPERLINK(\"\"x\"\")\",'-1"));
    }

    [Test]
    public void APersonSkippedForTwoReasons_IsOneLine_AndAGroupsFailureIsNoPersonsLine()
    {
        var run = Run() with
        {
            Skipped = [new SkippedRecord(5, SkipReason.InvalidProfile), new SkippedRecord(5, SkipReason.DuplicateEmail)],
            Failures = [new RecordFailure(null, "createGroup", null, "refused")],
        };

        var rows = RunResults.Rows(run);

        Assert.That(rows, Is.EqualTo(new[] { new RunResultRow(5, null, "skip", null, "InvalidProfile; DuplicateEmail", "skipped") }));
    }

    [Test]
    public void AFailure_TakesItsRuleFromTheRefusedWrite_AndHasNoneInARecordWithoutWrites()
    {
        var failure = new RecordFailure(9, "updateUser", "u-9", "MobieTrain refused PATCH /users/u-9 (422)", 422);
        var withWrites = Run() with
        {
            Failures = [failure],
            Writes = new RunWrites([new PersonWrite(9, "updateUser", "GroupsFollowEvents", "u-9", Done: false)], 0),
        };

        Assert.That(RunResults.Rows(withWrites).Single().Rule, Is.EqualTo("GroupsFollowEvents"));
        Assert.That(RunResults.Rows(Run() with { Failures = [failure] }).Single().Rule, Is.Null);
    }

    [Test]
    public void Writes_AreCapped_AndTheRestCounted()
    {
        var writes = RunWrites.Of(Enumerable.Range(1, RunWrites.MaxItems + 3).Select(i => new PersonWrite(i, "invite", "NewEligibleInvited", null, Done: true)));

        Assert.That((writes.Items.Count, writes.Omitted), Is.EqualTo((RunWrites.MaxItems, 3)));
    }
}
