namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// Who read which token, who changed which tenant row, what the platform logged about the functions: Key Vault's audit
/// events, the storage account's table and queue reads, writes and deletes, and the function app's logs all go to the
/// one Log Analytics workspace Application Insights writes to.
/// </summary>
public class InfraAuditLogTests
{
    private static List<ArmResource> Settings() => InfraBuild.Main.AllOfType("Microsoft.Insights/diagnosticSettings").ToList();

    private static ArmResource SettingOn(string scopeType)
    {
        var settings = Settings().Where(s => s.Text("scope")?.StartsWith($"[resourceId('{scopeType}', ", StringComparison.Ordinal) == true).ToList();
        Assert.That(settings, Has.Count.EqualTo(1), $"one diagnostic setting on {scopeType}");
        return settings[0];
    }

    /// <summary>The enabled log categories of a setting (its logs may be a variable of the module).</summary>
    private static IEnumerable<string> EnabledCategories(ArmResource setting) =>
        setting.Template.Resolve(setting.At("properties.logs"))!.AsArray()
            .Where(l => l!["enabled"]!.GetValue<bool>())
            .Select(l => l!["category"]!.GetValue<string>());

    [Test]
    public void KeyVault_AuditsEverySecretAccess()
    {
        var audit = SettingOn("Microsoft.KeyVault/vaults");

        Assert.Multiple(() =>
        {
            Assert.That(EnabledCategories(audit), Does.Contain("AuditEvent"));
            Assert.That(audit.Template.ModuleName, Is.EqualTo("keyvault"));
            Assert.That(audit.Text("properties.logAnalyticsDestinationType"), Is.EqualTo("Dedicated"), "the AZKVAuditLogs table operations.md queries");
        });
    }

    [TestCase("Microsoft.Storage/storageAccounts/tableServices")]
    [TestCase("Microsoft.Storage/storageAccounts/queueServices")]
    public void Storage_LogsReadsWritesAndDeletes_OfTablesAndQueues(string service)
    {
        var setting = SettingOn(service);

        Assert.That(EnabledCategories(setting), Is.SupersetOf(new[] { "StorageRead", "StorageWrite", "StorageDelete" }));
    }

    [Test]
    public void FunctionApp_SendsItsFunctionLogs()
    {
        Assert.That(EnabledCategories(SettingOn("Microsoft.Web/sites")), Does.Contain("FunctionAppLogs"));
    }

    [Test]
    public void EverySetting_GoesToTheWorkspaceApplicationInsightsWritesTo()
    {
        var monitoring = InfraBuild.Main.Modules.Single(m => m.ModuleName == "monitoring");
        var workspace = monitoring.Root["outputs"]!["workspaceId"]!["value"]!.GetValue<string>();
        var appInsights = InfraBuild.Main.AllOfType("Microsoft.Insights/components").Single();

        Assert.Multiple(() =>
        {
            Assert.That(Settings(), Has.Count.EqualTo(4), "Key Vault, tables, queues, the function app");
            Assert.That(workspace, Does.StartWith("[resourceId('Microsoft.OperationalInsights/workspaces', "));
            Assert.That(appInsights.Text("properties.WorkspaceResourceId"), Is.EqualTo(workspace));
            foreach (var setting in Settings())
            {
                Assert.That(setting.Text("properties.workspaceId"), Is.EqualTo("[parameters('workspaceId')]"), setting.ToString());
                Assert.That(setting.Template.PassedParameter("workspaceId"), Does.Contain("'monitoring'").And.EndsWith(".outputs.workspaceId.value]"), setting.ToString());
            }
        });
    }
}
