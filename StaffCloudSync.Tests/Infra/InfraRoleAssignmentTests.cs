using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The app's identity gets five built-in roles, each on the narrowest scope it works on: blob and queue roles on
/// each container and queue the template creates (never the account), nothing wider, no Owner role anywhere.
/// </summary>
public partial class InfraRoleAssignmentTests
{
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    /// <summary>Built-in role definition id → (role, the resource type it is scoped to).</summary>
    private static readonly Dictionary<string, (string Role, string ScopeType)> ExpectedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        [BlobDataContributor] = ("Storage Blob Data Contributor", "Microsoft.Storage/storageAccounts/blobServices/containers"),
        [QueueDataContributor] = ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts/queueServices/queues"),
        // The host names its diagnostic events tables by month: no fixed table to scope to.
        [TableDataContributor] = ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["4633458b-17de-408a-b874-0445c86b69e6"] = ("Key Vault Secrets User", "Microsoft.KeyVault/vaults"),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", "Microsoft.Insights/components"),
    };

    /// <summary>What the identity held before: Owner of every blob of the account, the package and host keys included.</summary>
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

    /// <summary>One role on one scope; a copy loop is one grant per item.</summary>
    private sealed record Grant(string RoleId, string ScopeType, string? ScopeName);

    private static List<ArmResource> Assignments() => InfraBuild.Main.AllOfType("Microsoft.Authorization/roleAssignments").ToList();

    private static string RoleId(ArmResource assignment)
    {
        var definition = assignment.Template.WithVariables(assignment.Text("properties.roleDefinitionId")!);
        var match = RoleDefinitionReference().Match(definition);
        Assert.That(match.Success, Is.True, $"{assignment}: roleDefinitionId {definition} is not a built-in role by id");
        return match.Groups[1].Value;
    }

    /// <summary>The grants of an assignment: its scope's type and, below the account, the container's or queue's name.</summary>
    private static IEnumerable<Grant> Grants(ArmResource assignment)
    {
        var scope = ScopeReference().Match(assignment.Text("scope") ?? "");
        Assert.That(scope.Success, Is.True, $"{assignment}: scope {assignment.Text("scope")} is not a resourceId(…)");
        var (type, last) = (scope.Groups[1].Value, scope.Groups[2].Value);
        if (type.Count(c => c == '/') == 1)
        {
            return [new Grant(RoleId(assignment), type, null)];
        }

        if (last.EndsWith("[copyIndex()]", StringComparison.Ordinal))
        {
            Assert.That(assignment.Json["copy"]!["count"]!.GetValue<string>(), Is.EqualTo($"[length({last[..^"[copyIndex()]".Length]})]"), assignment.ToString());
            return assignment.CopyItems()!.Select(item => new Grant(RoleId(assignment), type, item!.GetValue<string>()));
        }

        var name = assignment.Template.Resolve(JsonValue.Create($"[{last}]"))!.GetValue<string>();
        return [new Grant(RoleId(assignment), type, name)];
    }

    private static List<Grant> AllGrants() => Assignments().SelectMany(Grants).ToList();

    /// <summary>The names of the storage module's resources of one type, as it is given them.</summary>
    private static IEnumerable<string> Created(string type) =>
        InfraBuild.Main.AllOfType(type).SelectMany(r => r.CopyItems()?.Select(i => i!.GetValue<string>())
            ?? [r.Template.Resolve(JsonValue.Create($"[{LastArgument().Match(r.Name).Groups[1].Value}]"))!.GetValue<string>()]);

    [Test]
    public void ExactlyTheFiveRoles_AndNoOwnerRole()
    {
        var roles = Assignments().Select(RoleId).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(roles.Distinct(StringComparer.OrdinalIgnoreCase), Is.EquivalentTo(ExpectedRoles.Keys));
            Assert.That(roles, Has.None.EqualTo(BlobDataOwner).IgnoreCase);
        });
    }

    [Test]
    public void EachRole_IsScopedToItsResourceType_NeverTheResourceGroup()
    {
        Assert.Multiple(() =>
        {
            foreach (var grant in AllGrants())
            {
                Assert.That(grant.ScopeType, Is.EqualTo(ExpectedRoles[grant.RoleId].ScopeType), ExpectedRoles[grant.RoleId].Role);
            }
        });
    }

    [Test]
    public void BlobRole_IsOnEachContainerTheTemplateCreates_ThePackagesIncluded()
    {
        var containers = AllGrants().Where(g => g.RoleId == BlobDataContributor).Select(g => g.ScopeName).ToList();
        var app = InfraBuild.Main.AllOfType("Microsoft.Web/sites").Single();

        Assert.Multiple(() =>
        {
            Assert.That(containers, Is.Unique);
            Assert.That(containers, Is.EquivalentTo(Created("Microsoft.Storage/storageAccounts/blobServices/containers")));
            // The container the Flex app deploys from (storage's output URL) is one of them.
            Assert.That(app.Template.PassedParameter("deploymentContainerUrl"), Does.Contain("'storage'").And.Contain("deploymentContainerUrl"));
            Assert.That(containers, Does.Contain(InfraBuild.Main.Root["variables"]!["deploymentContainerName"]!.GetValue<string>()));
        });
    }

    [Test]
    public void QueueRole_IsOnEachQueueTheTemplateCreates_NotTheAccount()
    {
        var queues = AllGrants().Where(g => g.RoleId == QueueDataContributor).Select(g => g.ScopeName).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(queues, Is.Unique);
            Assert.That(queues, Is.EquivalentTo(Created("Microsoft.Storage/storageAccounts/queueServices/queues")));
            Assert.That(queues, Has.Count.EqualTo(3), "tenant-sync, its poison queue and that one's");
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
        var assignments = Assignments();
        var names = assignments.Select(a => a.Template.WithVariables(a.Name)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Unique);
            foreach (var (assignment, name) in assignments.Zip(names))
            {
                Assert.That(name, Does.StartWith("[guid(resourceId(").And.Contain("parameters('identityId')"), name);
                Assert.That(ExpectedRoles.Keys.Count(name.Contains), Is.EqualTo(1), name);
                // The assignment's own scope is in its name, so each item of a loop gets its own.
                Assert.That(name, Does.StartWith($"[guid({assignment.Text("scope")!.TrimStart('[').TrimEnd(']')}, "), name);
            }
        });
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '([0-9a-fA-F-]{36})'\)\]$")]
    private static partial Regex RoleDefinitionReference();

    [GeneratedRegex(@"^\[resourceId\('([^']+)', (?:.*, )?([^,]+)\)\]$")]
    private static partial Regex ScopeReference();

    /// <summary>The last argument of a child resource's <c>format(…)</c> name: the container's or the queue's own name.</summary>
    [GeneratedRegex(@", (parameters\('[A-Za-z]+'\))\)\]$")]
    private static partial Regex LastArgument();
}
