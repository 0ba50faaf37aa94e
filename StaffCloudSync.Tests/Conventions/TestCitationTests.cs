using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Conventions;

/// <summary>
/// The docs cite tests by name (docs/rules-coverage.md: "the tests that fail when it is broken"; docs/decisions.md:
/// "Each entry names the test that holds it"): every test they cite is a test of this assembly, so a rename or a
/// removal that leaves a citation behind fails here, naming the doc, the line and the citation.
/// </summary>
public class TestCitationTests
{
    /// <summary>Every doc: rules-coverage.md, decisions.md and bad-input.md cite most tests, the others a few.</summary>
    private static IEnumerable<string> CitingDocs() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md")
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Append("README.md")
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(CitingDocs))]
    public void EveryCitedTest_IsATestOfThisAssembly(string doc)
    {
        var missing = Citations(doc)
            .Where(cited => !cited.Citation.Exists(TestMethods.ByFixture))
            .Select(cited => $"{doc}:{cited.Line}: `{cited.Citation.Text}`")
            .ToList();

        Assert.That(missing, Is.Empty, $"{missing.Count} citation(s) of no test:\n{string.Join("\n", missing)}");
    }

    [TestCase("docs/rules-coverage.md")]
    [TestCase("docs/decisions.md")]
    [TestCase("docs/bad-input.md")]
    public void TheDocsCitingMostTests_AreReadForCitations(string doc) =>
        Assert.That(Citations(doc).Count(), Is.GreaterThan(50), "the citations are found, so the check above checks something");

    [TestCase("RemovalRuleTests.Rule2_StaleInvitationOfAnEmployeeWithStatus0To3_IsExpiredToo", null)]
    [TestCase("TestCitationTests.*", null)]
    [TestCase("TestCitationTests", null)]
    [TestCase("TestNamingTests.NamePattern_*", null)]
    [TestCase("TestNamingTests.NamePattern_…", null)]
    [TestCase("NamePattern_AcceptsPascalCaseParts(\"Build\")", null)]
    [TestCase("…NamePattern_RefusesOtherNames", "TestNamingTests")]
    [TestCase("…_RefusesOtherNames", "TestNamingTests")]
    [TestCase("…TheInventory_*", "TestNamingTests")]
    public void ACitationOfATest_IsFound(string text, string? fixture) =>
        Assert.That(DocCitations.Parse(text, fixture)?.Exists(TestMethods.ByFixture), Is.True);

    [TestCase("NoSuchTests.Anything_AtAll", null)]
    [TestCase("NoSuchTests", null)]
    [TestCase("RemovalRuleTests.Rule2_NoSuchBehaviour", null)]
    [TestCase("RemovalRuleTests.NoSuchPrefix_*", null)]
    [TestCase("NoSuchSubject_NoSuchBehaviour", null)]
    [TestCase("Invalidate_is_a_harmless_no_op", null)]
    [TestCase("…NamePattern_RefusesOtherNames", "TestCitationTests")]
    [TestCase("…_NoSuchBehaviour", "TestNamingTests")]
    [TestCase("…_RefusesOtherNames", "NoSuchTests")]
    public void ACitationOfNoTest_IsReported(string text, string? fixture) =>
        Assert.That(DocCitations.Parse(text, fixture)?.Exists(TestMethods.ByFixture), Is.False);

    [TestCase("Definitions.IsActive")]
    [TestCase("Sync__RunTimeBudget")]
    [TestCase("StaffCloud__…")]
    [TestCase("STAFFCLOUDSYNC_SHARED")]
    [TestCase("StaffCloudSync.Tests/WorkerProcess/")]
    [TestCase("_camelCase")]
    [TestCase("SyncHarness")]
    [TestCase("…__Resilience__*")]
    [TestCase("Subject_Behaviour")]
    public void CodeAndSettingsInBackticks_AreNoCitation(string text) =>
        Assert.That(DocCitations.Parse(text, fixture: null), Is.Null);

    private static IEnumerable<(int Line, DocCitation Citation)> Citations(string doc) =>
        DocCitations.In(File.ReadAllText(Path.Combine(RepositoryPaths.Root, doc)));
}
