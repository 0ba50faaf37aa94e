using StaffCloudSync.Core.Platform.Storage;
using StaffCloudSync.Core.Runs;

namespace StaffCloudSync.Tests.Infra;

/// <summary>The resources of infra/main.bicep as compiled: what the app needs, and the security settings it relies on.</summary>
public class InfraResourceTests
{
    private static ArmResource Single(string type)
    {
        var resources = InfraBuild.Main.AllOfType(type).ToList();
        Assert.That(resources, Has.Count.EqualTo(1), $"one {type}");
        return resources[0];
    }

    private static ArmResource FunctionApp => Single("Microsoft.Web/sites");

    /// <summary>What main.bicep passes as the function app module's identity: the one user-assigned identity.</summary>
    private static string IdentityResourceId => $"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', {IdentityNameExpression})]";

    private static string IdentityNameExpression
    {
        get
        {
            var identity = Single("Microsoft.ManagedIdentity/userAssignedIdentities");
            Assert.That(identity.Template.Parent, Is.Null, "the identity is declared in main.bicep");
            return identity.Name.TrimStart('[').TrimEnd(']');
        }
    }

    [Test]
    public void Plan_IsFlexConsumptionFC1_OnLinux()
    {
        var plan = Single("Microsoft.Web/serverfarms");

        Assert.Multiple(() =>
        {
            Assert.That(plan.Text("sku.name"), Is.EqualTo("FC1"));
            Assert.That(plan.Text("sku.tier"), Is.EqualTo("FlexConsumption"));
            Assert.That(plan.Flag("properties.reserved"), Is.True, "reserved = Linux");
        });
    }

    [Test]
    public void FunctionApp_IsLinuxDotnetIsolated10_OnThePlan()
    {
        var app = FunctionApp;

        Assert.Multiple(() =>
        {
            Assert.That(app.Text("kind"), Is.EqualTo("functionapp,linux"));
            Assert.That(app.Text("properties.functionAppConfig.runtime.name"), Is.EqualTo("dotnet-isolated"));
            Assert.That(app.Text("properties.functionAppConfig.runtime.version"), Is.EqualTo("10.0"));
            Assert.That(app.Text("properties.serverFarmId"), Does.Contain("Microsoft.Web/serverfarms"));
            Assert.That(app.Flag("properties.httpsOnly"), Is.True);
            Assert.That(app.At("properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB"), Is.Not.Null);
            Assert.That(app.At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"), Is.Not.Null);
        });
    }

    [Test]
    public void MaximumInstanceCount_IsNeverBelowFlexConsumptionsMinimumOf40()
    {
        const int flexMinimum = 40;
        var app = FunctionApp;
        var main = InfraBuild.Main.Root["parameters"]!["maximumInstanceCount"]!;
        var module = app.Template.Root["parameters"]!["maximumInstanceCount"]!;

        Assert.Multiple(() =>
        {
            Assert.That(app.Text("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount"), Is.EqualTo("[parameters('maximumInstanceCount')]"));
            Assert.That(app.Template.MainParameterBehind("[parameters('maximumInstanceCount')]"), Is.EqualTo("maximumInstanceCount"));
            Assert.That(main["minValue"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(flexMinimum), "main.bicep refuses a smaller value before Azure does");
            Assert.That(module["minValue"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(flexMinimum));
            Assert.That(main["defaultValue"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(flexMinimum));
            foreach (var parameters in new[] { InfraBuild.DevParameters, InfraBuild.ProdParameters })
            {
                Assert.That(parameters["maximumInstanceCount"]?["value"]?.GetValue<int>() ?? flexMinimum, Is.GreaterThanOrEqualTo(flexMinimum));
            }
        });
    }

    [Test]
    public void FunctionApp_RefusesBasicPublishingCredentials_OnFtpAndScm()
    {
        var policies = InfraBuild.Main.AllOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(policies.Select(p => p.LastNameLiteral()), Is.EquivalentTo(new[] { "ftp", "scm" }));
            foreach (var policy in policies)
            {
                Assert.That(policy.Flag("properties.allow"), Is.False, policy.ToString());
                Assert.That(policy.Template.ModuleName, Is.EqualTo(FunctionApp.Template.ModuleName));
                Assert.That(policy.Name, Does.StartWith("[format('{0}/{1}', parameters('appName'), "), "a policy of the app itself");
            }
        });
    }

    [Test]
    public void FunctionApp_RunsAsTheUserAssignedIdentity_AlsoForItsDeploymentStorage()
    {
        var app = FunctionApp;
        var identities = app.At("identity.userAssignedIdentities")!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(app.Text("identity.type"), Is.EqualTo("UserAssigned"), "no system-assigned identity next to it");
            Assert.That(identities.Select(i => i.Key), Is.EqualTo(new[] { "[format('{0}', parameters('identityId'))]" }).Or.EqualTo(new[] { "[parameters('identityId')]" }));
            Assert.That(app.Template.PassedParameter("identityId"), Is.EqualTo(IdentityResourceId));
            Assert.That(app.Text("properties.functionAppConfig.deployment.storage.type"), Is.EqualTo("blobContainer"));
            Assert.That(app.Text("properties.functionAppConfig.deployment.storage.authentication.type"), Is.EqualTo("UserAssignedIdentity"));
            Assert.That(app.Text("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"), Is.EqualTo("[parameters('identityId')]"));
            Assert.That(app.Template.PassedParameter("deploymentContainerUrl"), Does.Contain("deploymentContainerUrl"));
        });
    }

    [Test]
    public void FunctionApp_NamesTheIdentitysClientId_WhereverASettingPicksAnIdentity()
    {
        var app = FunctionApp;
        var settings = InfraAppSettings.Read(app);

        Assert.Multiple(() =>
        {
            Assert.That(app.Template.PassedParameter("identityClientId"),
                Is.EqualTo($"[reference({IdentityResourceId.TrimStart('[').TrimEnd(']')}, '2023-01-31').clientId]"));
            Assert.That(settings["AzureWebJobsStorage__clientId"], Is.EqualTo("[parameters('identityClientId')]"));
            Assert.That(settings["KeyVault__ManagedIdentityClientId"], Is.EqualTo("[parameters('identityClientId')]"));
            Assert.That(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], Is.EqualTo("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]"));
        });
    }

    [Test]
    public void OnlyOneIdentity_AndNoSystemAssignedOne()
    {
        var withIdentity = InfraBuild.Main.AllResources().Where(r => r.At("identity") is not null);

        Assert.Multiple(() =>
        {
            Assert.That(InfraBuild.Main.AllOfType("Microsoft.ManagedIdentity/userAssignedIdentities").Count(), Is.EqualTo(1));
            Assert.That(withIdentity.Select(r => r.Text("identity.type")), Is.All.EqualTo("UserAssigned"));
        });
    }

    [Test]
    public void Storage_RefusesSharedKeys_OldTls_PublicBlobs_AndPlainHttp()
    {
        var storage = Single("Microsoft.Storage/storageAccounts");

        Assert.Multiple(() =>
        {
            Assert.That(storage.Flag("properties.allowSharedKeyAccess"), Is.False);
            Assert.That(storage.Text("properties.minimumTlsVersion"), Is.EqualTo("TLS1_2"));
            Assert.That(storage.Flag("properties.allowBlobPublicAccess"), Is.False);
            Assert.That(storage.Flag("properties.supportsHttpsTrafficOnly"), Is.True);
        });
    }

    [Test]
    public void Storage_HasTheAppsQueuesAndTables_UnderTheNamesTheCodeUses()
    {
        var queues = InfraBuild.Main.AllOfType("Microsoft.Storage/storageAccounts/queueServices/queues").Single();
        var tables = InfraBuild.Main.AllOfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.LastNameLiteral());

        Assert.Multiple(() =>
        {
            Assert.That(queues.Name, Does.EndWith("parameters('queueNames')[copyIndex()])]"), "one queue per name");
            // The host's poison queue of TenantSyncPoison's own queue ("<queue>-poison" once more) is created too.
            Assert.That(queues.CopyItems()!.Select(q => q!.GetValue<string>()),
                Is.EquivalentTo(new[] { SyncRequest.QueueName, SyncRequest.PoisonQueueName, SyncRequest.PoisonQueueName + "-poison" }));
            Assert.That(tables, Is.EquivalentTo(new[]
            {
                StorageOptions.DefaultTenantsTableName, StorageOptions.DefaultRunsTableName, StorageOptions.DefaultLeasesTableName,
            }));
        });
    }

    [Test]
    public void Storage_HasPrivateContainers_TheDeploymentPackageInOneOfItsOwn()
    {
        var containers = InfraBuild.Main.AllOfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        var deployment = containers.Single(c => c.Json["copy"] is null);
        var host = containers.Single(c => c.Json["copy"] is not null);
        var deploymentName = deployment.Template.Resolve(deployment.Template.Deployment!["properties"]!["parameters"]!["deploymentContainerName"]!["value"])!.GetValue<string>();
        var hostNames = host.CopyItems()!.Select(c => c!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(containers.Select(c => c.Text("properties.publicAccess")), Is.All.EqualTo("None"));
            Assert.That(deployment.Name, Does.EndWith("parameters('deploymentContainerName'))]"));
            // The host's leases, timers and keys: the two containers the Functions host writes to; and the app's run details.
            Assert.That(hostNames, Is.EquivalentTo(new[] { "azure-webjobs-hosts", "azure-webjobs-secrets", Core.Platform.Storage.StorageOptions.DefaultRunDetailsContainerName }));
            Assert.That(hostNames, Does.Not.Contain(deploymentName), "the package shares its container with nothing");
            Assert.That(deployment.Template.Root["outputs"]!["deploymentContainerUrl"]!["value"]!.GetValue<string>(), Does.Contain("parameters('deploymentContainerName')"));
        });
    }

    [Test]
    public void KeyVault_UsesRbac_SoftDelete_AndPurgeProtection()
    {
        var vault = Single("Microsoft.KeyVault/vaults");

        Assert.Multiple(() =>
        {
            Assert.That(vault.Flag("properties.enableRbacAuthorization"), Is.True);
            Assert.That(vault.Flag("properties.enableSoftDelete"), Is.True);
            Assert.That(vault.Flag("properties.enablePurgeProtection"), Is.True);
            Assert.That(vault.At("properties.accessPolicies"), Is.Null, "no access policies next to RBAC");
        });
    }

    [Test]
    public void ApplicationInsights_IsWorkspaceBased_WithLocalAuthDisabled()
    {
        var appInsights = Single("Microsoft.Insights/components");
        Single("Microsoft.OperationalInsights/workspaces");

        Assert.Multiple(() =>
        {
            Assert.That(appInsights.Flag("properties.DisableLocalAuth"), Is.True);
            Assert.That(appInsights.Text("properties.WorkspaceResourceId"), Does.Contain("Microsoft.OperationalInsights/workspaces"));
        });
    }

    [Test]
    public void EveryResource_CarriesTheTags()
    {
        // Role assignments and diagnostic settings are extension resources that take no tags.
        string[] untaggable = ["Microsoft.Authorization/roleAssignments", "Microsoft.Insights/diagnosticSettings"];
        var untagged = InfraBuild.Main.AllResources()
            .Where(r => !untaggable.Contains(r.Type) && r.Type.Count(c => c == '/') == 1)
            .Where(r => r.At("tags") is null);

        Assert.That(untagged, Is.Empty);
    }
}
