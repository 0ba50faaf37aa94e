using System.Text.RegularExpressions;
using StaffCloudSync.Tests.Infrastructure;
using static StaffCloudSync.Tests.Infra.PipelineYaml;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// azure-pipelines.yml is YAML, tests with exactly the README's command, builds and lints the Bicep without Azure,
/// and deploys dev then prod through environments, infrastructure before the app.
/// </summary>
public partial class PipelineTests
{
    /// <summary>The README's test command: the second of "The two commands" (the first runs the demo).</summary>
    private static string ReadmeTestCommand()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var match = ReadmeTestBlock().Match(readme);
        Assert.That(match.Success, Is.True, "README.md has a '## The two commands' section with a bash block");
        var commands = match.Groups[1].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.That(commands, Has.Count.EqualTo(2), "the demo command, then the test command");
        return commands[1];
    }

    [Test]
    public void RunsExactlyTheReadmesTestCommand()
    {
        var command = ReadmeTestCommand();
        var scripts = Mappings(Pipeline).Select(m => Scalar(m, "script")).OfType<string>().Select(s => s.Trim());

        Assert.Multiple(() =>
        {
            Assert.That(command, Is.EqualTo("dotnet test StaffCloudSync.slnx"));
            Assert.That(scripts, Has.One.EqualTo(command));
        });
    }

    [Test]
    public void InstallsTheSdkAndNode_PublishesTheTrx_AndThePackage()
    {
        var publishResults = Tasks(Pipeline, "PublishTestResults@2");
        var scripts = Mappings(Pipeline).Select(m => Scalar(m, "script")).OfType<string>();

        Assert.Multiple(() =>
        {
            Assert.That(Tasks(Pipeline, "UseDotNet@2").Select(t => Input(t, "version")), Has.One.StartsWith("10."));
            Assert.That(Tasks(Pipeline, "NodeTool@0").Select(t => Input(t, "versionSpec")), Has.One.StartsWith("20"));
            Assert.That(publishResults.Select(t => Input(t, "testResultsFiles")), Has.One.EqualTo("TestResults/results.trx"));
            Assert.That(scripts, Has.One.StartsWith("dotnet publish StaffCloudSync.Functions -c Release"));
            Assert.That(Tasks(Pipeline, "PublishPipelineArtifact@1").Select(t => Input(t, "artifact")), Is.SupersetOf(new[] { "package", "infra" }));
        });
    }

    [Test]
    public void BuildsAndLintsTheBicep_BothParameterFiles_WithNoAzureAccess()
    {
        var bicep = Jobs(Stage("Validate"))["Bicep"];
        var script = string.Join('\n', InlineScripts(bicep));

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("az bicep build --file main.bicep"));
            Assert.That(script, Does.Contain("az bicep lint --file main.bicep"));
            Assert.That(script, Does.Contain("build-params --file main.dev.bicepparam").And.Contain("build-params --file main.prod.bicepparam"));
            Assert.That(ServiceConnections(bicep), Is.Empty, "building and linting need no Azure identity");
        });
    }

    [Test]
    public void DeploysDevThenProd_ThroughEnvironments_InfrastructureThenApp()
    {
        var deployments = Mappings(Pipeline).Where(m => Scalar(m, "deployment") is not null).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Stages().Select(s => Scalar(s, "stage")), Is.EqualTo(new[] { "Build", "Validate", "DeployDev", "DeployProd" }));
            Assert.That(Scalar(Stage("DeployProd"), "dependsOn"), Is.EqualTo("DeployDev"));
            Assert.That(deployments.Select(d => Scalar(d, "environment")), Is.EqualTo(new[] { "staffcloudsync-dev", "staffcloudsync-prod" }));
            foreach (var deployment in deployments)
            {
                var scripts = InlineScripts(deployment);
                var infra = scripts.FindIndex(s => s.Contains("az deployment group create", StringComparison.Ordinal));
                var app = scripts.FindIndex(s => s.Contains("az functionapp deployment source config-zip", StringComparison.Ordinal));
                var health = scripts.FindIndex(s => s.Contains("/api/health", StringComparison.Ordinal));
                Assert.That(infra, Is.GreaterThanOrEqualTo(0).And.LessThan(app), Scalar(deployment, "deployment"));
                Assert.That(app, Is.LessThan(health), Scalar(deployment, "deployment"));
            }
        });
    }

    [Test]
    public void ConnectionsResourceGroupsAndLocation_AreVariables()
    {
        Assert.That(Variables().Keys, Is.SupersetOf(new[]
        {
            "devPreviewServiceConnection", "devServiceConnection", "prodPreviewServiceConnection", "prodServiceConnection",
            "prodApprovers", "location", "devResourceGroup", "prodResourceGroup",
        }));
    }

    [Test]
    public void BicepVersion_IsTheOneTheTestsUse()
    {
        Assert.That(Variables()["bicepVersion"], Is.EqualTo($"v{BicepCli.Version}"));
    }

    [GeneratedRegex(@"## The two commands\s*```bash\s*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ReadmeTestBlock();
}
