namespace StaffCloudSync.Tests.Conventions;

/// <summary>
/// Every test method is named <c>Subject_Behaviour</c> in PascalCase parts joined by underscores
/// (docs/decisions.md, "Test helpers and names?"), so the test list and the docs that cite tests read in one style.
/// </summary>
public class TestNamingTests
{
    [Test]
    public void EveryTestMethod_IsNamedSubjectBehaviour_InPascalCaseParts()
    {
        var offenders = TestMethods.All
            .Where(method => !TestMethods.NamePattern().IsMatch(method.Name))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(offenders, Is.Empty,
            $"{offenders.Count} test method(s) not named Subject_Behaviour in PascalCase parts:\n{string.Join("\n", offenders)}");
    }

    [Test]
    public void TheInventory_FindsEveryKindOfTestMethod()
    {
        var names = TestMethods.All.Select(method => method.Name).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Does.Contain(nameof(EveryTestMethod_IsNamedSubjectBehaviour_InPascalCaseParts)), "[Test]");
            Assert.That(names, Does.Contain(nameof(NamePattern_RefusesOtherNames)), "[TestCase]");
            Assert.That(TestMethods.All.Count(method => method.IsDefined(typeof(TestCaseSourceAttribute), false)), Is.Positive,
                "[TestCaseSource]");
            Assert.That(names, Has.Count.GreaterThan(600), "the whole assembly, not one folder");
        }
    }

    [TestCase("UnknownTenant_FailsNamingIt")]
    [TestCase("EachRole_IsScopedToItsResourceType_NeverTheResourceGroup")]
    [TestCase("Invalidate_IsAHarmlessNoOp")]
    [TestCase("A404_IsSecretNotFoundException_NamingTheSecret")]
    [TestCase("Rule2_StaleInvitationOfAnEmployeeWithStatus0To3_IsExpiredToo")]
    [TestCase("Build")]
    public void NamePattern_AcceptsPascalCaseParts(string name) =>
        Assert.That(TestMethods.NamePattern().IsMatch(name), Is.True);

    [TestCase("Invalidate_is_a_harmless_no_op")]
    [TestCase("A_missing_secret_is_SecretNotFoundException_naming_it")]
    [TestCase("invalidate_IsAHarmlessNoOp")]
    [TestCase("Invalidate__IsAHarmlessNoOp")]
    [TestCase("Invalidate_IsAHarmlessNoOp_")]
    [TestCase("_Invalidate")]
    public void NamePattern_RefusesOtherNames(string name) =>
        Assert.That(TestMethods.NamePattern().IsMatch(name), Is.False);
}
