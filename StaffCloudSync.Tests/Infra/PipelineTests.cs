using System.Text.RegularExpressions;
using StaffCloudSync.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// azure-pipelines.yml is YAML, tests with exactly the README's command, validates the Bicep with the dev
/// parameters, and deploys dev then prod through environments (where the approvals are).
/// </summary>
public partial class PipelineTests
{
    private static readonly string PipelinePath = Path.Combine(RepositoryPaths.Root, "azure-pipelines.yml");

    private static readonly Lazy<YamlMappingNode> Pipeline = new(() =>
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(PipelinePath));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    });

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

    private static IEnumerable<YamlMappingNode> Mappings(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(Mappings).Prepend(mapping),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Mappings),
        _ => [],
    };

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static List<YamlMappingNode> Tasks(string task) =>
        Mappings(Pipeline.Value).Where(m => Scalar(m, "task") == task).ToList();

    private static string Input(YamlMappingNode task, string input) =>
        Scalar((YamlMappingNode)task.Children[new YamlScalarNode("inputs")], input) ?? "";

    [Test]
    public void RunsExactlyTheReadmesTestCommand()
    {
        var command = ReadmeTestCommand();
        var scripts = Mappings(Pipeline.Value).Select(m => Scalar(m, "script")).OfType<string>().Select(s => s.Trim());

        Assert.Multiple(() =>
        {
            Assert.That(command, Is.EqualTo("dotnet test StaffCloudSync.slnx"));
            Assert.That(scripts, Has.One.EqualTo(command));
        });
    }

    [Test]
    public void InstallsTheSdkAndNode_PublishesTheTrx_AndThePackage()
    {
        var publishResults = Tasks("PublishTestResults@2");
        var scripts = Mappings(Pipeline.Value).Select(m => Scalar(m, "script")).OfType<string>();

        Assert.Multiple(() =>
        {
            Assert.That(Tasks("UseDotNet@2").Select(t => Input(t, "version")), Has.One.StartsWith("10."));
            Assert.That(Tasks("NodeTool@0").Select(t => Input(t, "versionSpec")), Has.One.StartsWith("20"));
            Assert.That(publishResults.Select(t => Input(t, "testResultsFiles")), Has.One.EqualTo("TestResults/results.trx"));
            Assert.That(scripts, Has.One.StartsWith("dotnet publish StaffCloudSync.Functions -c Release"));
            Assert.That(Tasks("PublishPipelineArtifact@1").Select(t => Input(t, "artifact")), Is.SupersetOf(new[] { "package", "infra" }));
        });
    }

    [Test]
    public void ValidatesTheBicep_WithWhatIfOnTheDevParameters()
    {
        var scripts = string.Join('\n', Tasks("AzureCLI@2").Select(t => Input(t, "inlineScript")));

        Assert.Multiple(() =>
        {
            Assert.That(scripts, Does.Contain("az bicep build --file infra/main.bicep"));
            Assert.That(scripts, Does.Contain("az bicep lint --file infra/main.bicep"));
            Assert.That(scripts, Does.Match(@"az deployment group what-if[^\n]*(\\\n[^\n]*)*main\.dev\.bicepparam"));
            Assert.That(Tasks("AzureCLI@2").Select(t => Input(t, "azureSubscription")), Is.All.EqualTo("$(serviceConnection)"));
        });
    }

    [Test]
    public void DeploysDevThenProd_ThroughEnvironments_InfrastructureThenApp()
    {
        var stages = ((YamlSequenceNode)Pipeline.Value.Children[new YamlScalarNode("stages")]).Children.Cast<YamlMappingNode>().ToList();
        var deployments = Mappings(Pipeline.Value).Where(m => Scalar(m, "deployment") is not null).ToList();
        var prod = stages.Single(s => Scalar(s, "stage") == "DeployProd");

        Assert.Multiple(() =>
        {
            Assert.That(stages.Select(s => Scalar(s, "stage")), Is.EqualTo(new[] { "Build", "Validate", "DeployDev", "DeployProd" }));
            Assert.That(Scalar(prod, "dependsOn"), Is.EqualTo("DeployDev"));
            Assert.That(deployments.Select(d => Scalar(d, "environment")), Is.EqualTo(new[] { "staffcloudsync-dev", "staffcloudsync-prod" }));
            foreach (var deployment in deployments)
            {
                var scripts = Mappings(deployment).Select(m => Scalar(m, "inlineScript")).OfType<string>().ToList();
                var infra = scripts.FindIndex(s => s.Contains("az deployment group create", StringComparison.Ordinal));
                var app = scripts.FindIndex(s => s.Contains("az functionapp deployment source config-zip", StringComparison.Ordinal));
                Assert.That(infra, Is.GreaterThanOrEqualTo(0).And.LessThan(app), Scalar(deployment, "deployment"));
            }

            Assert.That(File.ReadAllText(PipelinePath), Does.Contain("Approvals and checks"), "the file says where approvals are configured");
        });
    }

    [Test]
    public void ServiceConnectionResourceGroupsAndLocation_AreVariables()
    {
        var variables = ((YamlMappingNode)Pipeline.Value.Children[new YamlScalarNode("variables")]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value);

        Assert.That(variables, Is.SupersetOf(new[] { "serviceConnection", "location", "devResourceGroup", "prodResourceGroup" }));
    }

    [Test]
    public void BicepVersion_IsTheOneTheTestsUse()
    {
        Assert.That(Scalar((YamlMappingNode)Pipeline.Value.Children[new YamlScalarNode("variables")], "bicepVersion"), Is.EqualTo($"v{BicepCli.Version}"));
    }

    [GeneratedRegex(@"## The two commands\s*```bash\s*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ReadmeTestBlock();
}
