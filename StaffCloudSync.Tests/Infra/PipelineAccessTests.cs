using YamlDotNet.RepresentationModel;
using static StaffCloudSync.Tests.Infra.PipelineYaml;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// Who can do what from the pipeline: one service connection per environment and purpose, pull requests reach no
/// further than a read-only what-if of dev, no connection of validation is one of prod's, and prod is previewed with a
/// read-only identity and approved inside its stage before the deployment job runs.
/// </summary>
public class PipelineAccessTests
{
    private static string Connection(string variable) => Variables()[variable];

    /// <summary>What a pull request build runs: every stage not conditioned away from pull requests.</summary>
    private static List<YamlMappingNode> StagesOnPullRequests() =>
        Stages().Where(s => Scalar(s, "condition")?.Contains("ne(variables['Build.Reason'], 'PullRequest')", StringComparison.Ordinal) != true).ToList();

    [Test]
    public void EachEnvironment_HasItsOwnConnections_NoneShared()
    {
        var connections = new[] { "devPreviewServiceConnection", "devServiceConnection", "prodPreviewServiceConnection", "prodServiceConnection" }
            .Select(Connection).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(connections, Is.Unique);
            Assert.That(ServiceConnections(Pipeline), Is.EquivalentTo(connections), "every connection is used, and no other");
        });
    }

    [Test]
    public void ConnectionsAreNamedAtCompileTime_SoTheirChecksApply()
    {
        // Azure DevOps evaluates a connection's checks before the stage runs: the name must be known then, not be a
        // runtime macro. Every azureSubscription is a template expression of this file's variables or parameters.
        var written = Files().SelectMany(f => File.ReadAllLines(f)).Where(l => l.TrimStart().StartsWith("azureSubscription:", StringComparison.Ordinal)).ToList();
        var passed = Files().SelectMany(f => File.ReadAllLines(f)).Where(l => l.TrimStart().StartsWith("serviceConnection:", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.Not.Empty);
            Assert.That(written, Is.All.Matches<string>(l => l.Contains("${{ parameters.serviceConnection }}", StringComparison.Ordinal)));
            Assert.That(passed, Is.All.Matches<string>(l => l.Contains("${{ variables.", StringComparison.Ordinal) && l.Contains("ServiceConnection }}", StringComparison.Ordinal)));
        });
    }

    [Test]
    public void PullRequests_UseOnlyTheDevPreviewConnection()
    {
        var onPullRequests = StagesOnPullRequests();

        Assert.Multiple(() =>
        {
            Assert.That(onPullRequests.Select(s => Scalar(s, "stage")), Is.EquivalentTo(new[] { "Build", "Validate" }));
            Assert.That(onPullRequests.SelectMany(s => ServiceConnections(s)).Distinct(), Is.EquivalentTo(new[] { Connection("devPreviewServiceConnection") }));
            foreach (var stage in new[] { "DeployDev", "DeployProd" })
            {
                Assert.That(Scalar(Stage(stage), "condition"), Does.Contain("eq(variables.isMainBranch, true)"), stage);
            }
        });
    }

    [Test]
    public void NoConnectionOfValidation_IsOneOfProds()
    {
        var validation = ServiceConnections(Stage("Validate"));
        var prod = ServiceConnections(Stage("DeployProd"));

        Assert.Multiple(() =>
        {
            Assert.That(validation, Is.Not.Empty);
            Assert.That(prod, Is.EquivalentTo(new[] { Connection("prodPreviewServiceConnection"), Connection("prodServiceConnection") }));
            Assert.That(validation.Intersect(prod), Is.Empty);
        });
    }

    [Test]
    public void ValidationWhatIf_IsOnDev_WithTheReadOnlyValidationLevel()
    {
        var preview = Jobs(Stage("Validate"))["PreviewDev"];
        var script = string.Join('\n', InlineScripts(preview));

        Assert.Multiple(() =>
        {
            Assert.That(ServiceConnections(preview), Is.EquivalentTo(new[] { Connection("devPreviewServiceConnection") }));
            Assert.That(script, Does.Match(@"az deployment group what-if[^\n]*(\\\n[^\n]*)*main\.dev\.bicepparam"));
            Assert.That(script, Does.Contain("--validation-level ProviderNoRbac"), "read checks instead of write checks: a read-only identity can preview");
            Assert.That(script, Does.Contain($"rg=\"{Variables()["devResourceGroup"]}\""));
        });
    }

    [Test]
    public void ProdStage_PreviewsWithAReadOnlyIdentity_ThenAsksForApproval_ThenDeploys()
    {
        var jobs = Jobs(Stage("DeployProd"));
        var (preview, approve, deploy) = (jobs["PreviewProd"], jobs["ApproveProd"], jobs["Prod"]);
        var validation = Tasks(approve, "ManualValidation@1").Single();
        var previewScript = string.Join('\n', InlineScripts(preview));

        Assert.Multiple(() =>
        {
            Assert.That(jobs.Keys, Is.EquivalentTo(new[] { "PreviewProd", "ApproveProd", "Prod" }));
            Assert.That(Scalar(preview, "job"), Is.Not.Null, "a plain job: it targets no environment");
            Assert.That(ServiceConnections(preview), Is.EquivalentTo(new[] { Connection("prodPreviewServiceConnection") }));
            Assert.That(previewScript, Does.Match(@"az deployment group what-if[^\n]*(\\\n[^\n]*)*main\.prod\.bicepparam"));
            Assert.That(previewScript, Does.Contain("--validation-level ProviderNoRbac"));

            Assert.That(Scalar(approve, "dependsOn"), Is.EqualTo("PreviewProd"));
            Assert.That(Scalar(approve, "pool"), Is.EqualTo("server"), "ManualValidation runs in an agentless job");
            Assert.That(Input(validation, "approvers"), Is.EqualTo("$(prodApprovers)"));
            Assert.That(Input(validation, "allowApproversToApproveTheirOwnRuns"), Is.EqualTo("false"));
            Assert.That(Input(validation, "onTimeout"), Is.EqualTo("reject"));

            Assert.That(Scalar(deploy, "dependsOn"), Is.EqualTo("ApproveProd"));
            Assert.That(Scalar(deploy, "environment"), Is.EqualTo("staffcloudsync-prod"));
            Assert.That(ServiceConnections(deploy), Is.EquivalentTo(new[] { Connection("prodServiceConnection") }));
        });
    }

    [Test]
    public void DeployMd_SaysWhichConnectionsToCreate_WithTheirRolesAndChecks()
    {
        var deploy = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Root, "docs", "deploy.md"));

        Assert.Multiple(() =>
        {
            foreach (var variable in new[] { "devPreviewServiceConnection", "devServiceConnection", "prodPreviewServiceConnection", "prodServiceConnection" })
            {
                Assert.That(deploy, Does.Contain($"`{Connection(variable)}`"), variable);
            }

            Assert.That(deploy, Does.Contain("Branch control").And.Contain("Approval").And.Contain("ProviderNoRbac"));
            Assert.That(deploy, Does.Contain("Microsoft.Resources/deployments/whatIf/action"));
            Assert.That(File.ReadAllText(PipelinePath), Does.Contain("docs/deploy.md"));
        });
    }
}
