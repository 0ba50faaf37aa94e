using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The app's identity gets exactly five built-in roles, each on the one resource that needs it, and nothing else
/// is granted anywhere in the template.
/// </summary>
public partial class InfraRoleAssignmentTests
{
    /// <summary>Built-in role definition id → (role, the resource type it is scoped to).</summary>
    private static readonly Dictionary<string, (string Role, string ScopeType)> ExpectedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts"),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["4633458b-17de-408a-b874-0445c86b69e6"] = ("Key Vault Secrets User", "Microsoft.KeyVault/vaults"),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", "Microsoft.Insights/components"),
    };

    private static List<ArmResource> Assignments() => InfraBuild.Main.AllOfType("Microsoft.Authorization/roleAssignments").ToList();

    private static string RoleId(ArmResource assignment)
    {
        var definition = assignment.Template.WithVariables(assignment.Text("properties.roleDefinitionId")!);
        var match = RoleDefinitionReference().Match(definition);
        Assert.That(match.Success, Is.True, $"{assignment}: roleDefinitionId {definition} is not a built-in role by id");
        return match.Groups[1].Value;
    }

    [Test]
    public void ExactlyTheFiveRoles()
    {
        var roles = Assignments().Select(RoleId);

        Assert.That(roles, Is.EquivalentTo(ExpectedRoles.Keys));
    }

    [Test]
    public void EachRole_IsScopedToItsResource_NeverTheResourceGroup()
    {
        Assert.Multiple(() =>
        {
            foreach (var assignment in Assignments())
            {
                var (role, scopeType) = ExpectedRoles[RoleId(assignment)];
                Assert.That(assignment.Text("scope"), Does.StartWith($"[resourceId('{scopeType}', "), role);
            }
        });
    }

    [Test]
    public void EachRole_GoesToTheAppsIdentity_AsAServicePrincipal()
    {
        Assert.Multiple(() =>
        {
            foreach (var assignment in Assignments())
            {
                Assert.That(assignment.Text("properties.principalId"), Is.EqualTo("[parameters('principalId')]"), assignment.ToString());
                Assert.That(assignment.Text("properties.principalType"), Is.EqualTo("ServicePrincipal"), assignment.ToString());
                Assert.That(assignment.Template.Parent?.Parent, Is.Null, "the rbac module is deployed by main.bicep");
                Assert.That(assignment.Template.PassedParameter("principalId"),
                    Does.StartWith("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', ").And.EndsWith(").principalId]"));
            }
        });
    }

    [Test]
    public void Names_AreDeterministic_FromScopeIdentityAndRole()
    {
        var names = Assignments().Select(a => a.Template.WithVariables(a.Name)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique);
            foreach (var name in names)
            {
                Assert.That(name, Does.StartWith("[guid(resourceId(").And.Contain("parameters('identityId')"), name);
                Assert.That(ExpectedRoles.Keys.Count(name.Contains), Is.EqualTo(1), name);
            }
        });
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '([0-9a-fA-F-]{36})'\)\]$")]
    private static partial Regex RoleDefinitionReference();
}
