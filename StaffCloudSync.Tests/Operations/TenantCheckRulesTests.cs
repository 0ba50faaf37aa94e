using StaffCloudSync.Core.Operations;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Operations;

/// <summary>The value tests the check makes, on their own: national numbers, other integrations' ids, the language list's cap.</summary>
public class TenantCheckRulesTests
{
    private static readonly TenantSettings Acme = new() { TenantId = "acme", StaffCloudApiTenant = "acme", MobieTrainAccountId = "acme" };

    [TestCase("0012", true)]
    [TestCase("+12", true)]
    [TestCase("-12", true)]
    [TestCase(" 12", true)]
    [TestCase("12.0", true)]
    [TestCase("0", true)]
    [TestCase("1234567890123456789", true)]
    [TestCase("12", false)]
    [TestCase("123456789012345678", false)]
    [TestCase("ABC12", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void ExternalId_LooksLikeAnotherIntegrations_WhenDigitsButNotCanonical(string? externalId, bool expected) =>
        Assert.That(TenantCheckRules.LooksLikeAnotherIntegrations(externalId), Is.EqualTo(expected));

    [Test]
    public void Languages_NameAtMostTenValues_MostFrequentFirst_AndCountTheRest()
    {
        var employees = Enumerable.Range(1, 12).Select(i => Employee(i, $"lang{i:00}"))
            .Append(Employee(13, "lang12")).Append(Employee(14, "Français")).ToList();

        var line = TenantCheckRules.Languages(employees, Acme);

        Assert.That(line.Result, Is.EqualTo(CheckResult.Warn));
        Assert.That(line.Detail, Does.StartWith("13 of 14 employees in scope").And.Contain("'lang12' ×2, 'lang01' ×1,").And.Contain("'lang09' ×1 and 2 more values"));
        Assert.That(line.Detail, Does.Not.Contain("lang10").And.Not.Contain("Français"));
    }

    [Test]
    public void BaseGroups_NoneSet_WithADefaultGroup_SuggestsIt_UnlessManualGroupsArePreserved()
    {
        var groups = new[] { new Core.Partners.MobieTrain.MobieTrainUserGroup("g1", "Default Group", null) };

        Assert.That(TenantCheckRules.BaseGroups(Acme, groups).Result, Is.EqualTo(CheckResult.Warn));
        Assert.That(TenantCheckRules.BaseGroups(Acme, groups).Detail, Does.Contain("--base-groups \"Default Group\""));
        Assert.That(TenantCheckRules.BaseGroups(Acme with { PreserveManualGroups = true }, groups).Result, Is.EqualTo(CheckResult.Pass));
        Assert.That(TenantCheckRules.BaseGroups(Acme, []).Result, Is.EqualTo(CheckResult.Pass));
    }

    private static StaffCloudEmployee Employee(long id, string? language) => new(id, 4, "A", "B", $"e{id}@example.com", null, null, language);
}
