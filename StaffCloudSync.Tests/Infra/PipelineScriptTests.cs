using System.Diagnostics;
using System.Text.RegularExpressions;
using static StaffCloudSync.Tests.Infra.PipelineYaml;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The pipeline's deployment scripts, run in bash as the agent would run them, with az, curl and sleep replaced by
/// functions that play a fresh environment (a group that does not exist, roles not yet applied, a host still starting)
/// and record what was called. sleep only advances bash's clock, so "about 5 minutes" takes no time.
/// </summary>
public partial class PipelineScriptTests
{
    /// <summary>What the agent puts in for the macros these scripts use.</summary>
    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["bicepVersion"] = "v0.49.2",
        ["location"] = "westeurope",
        ["Pipeline.Workspace"] = "/agent/work",
        ["Build.BuildId"] = "42",
        ["functionAppName"] = "func-scsync-dev-abc123",
    };

    private sealed record ScriptRun(int ExitCode, string Output, List<string> Calls)
    {
        public List<int> Sleeps => Calls.Where(c => c.StartsWith("sleep ", StringComparison.Ordinal)).Select(c => int.Parse(c[6..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        public int Count(string prefix) => Calls.Count(c => c.StartsWith(prefix, StringComparison.Ordinal));

        public override string ToString() => $"exit {ExitCode}\n{Output}\n{string.Join('\n', Calls)}";
    }

    /// <summary>The inline script of the task whose display name starts so, in a stage's job.</summary>
    private static string Script(string stage, string job, string displayName) =>
        Mappings(Jobs(Stage(stage))[job]).Single(m => Scalar(m, "displayName")?.StartsWith(displayName, StringComparison.Ordinal) == true
            && Scalar(m, "task") == "AzureCLI@2").Children.Values.OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Select(inputs => Scalar(inputs, "inlineScript")).OfType<string>().Single();

    /// <summary>Runs a script after the given stand-ins; each call they see is recorded in order.</summary>
    private static ScriptRun Run(string script, string standIns)
    {
        var directory = Directory.CreateTempSubdirectory("staffcloudsync-pipeline-").FullName;
        try
        {
            var calls = Path.Combine(directory, "calls");
            var body = Macro().Replace(script, m => Macros.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
            var file = Path.Combine(directory, "script.sh");
            File.WriteAllText(file, $$"""
                CALLS='{{calls}}'; STATE='{{directory}}'
                record() { echo "$*" >> "$CALLS"; }
                # A counter per kind of call, kept in a file: command substitutions run in subshells.
                nth() { local n=$(( $(cat "$STATE/$1" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$STATE/$1"; echo "$n"; }
                sleep() { record "sleep $1"; SECONDS=$((SECONDS + $1)); }
                {{standIns}}
                {{body}}
                """);
            using var process = Process.Start(new ProcessStartInfo("bash", [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return new ScriptRun(process.ExitCode, output, File.Exists(calls) ? File.ReadAllLines(calls).ToList() : []);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("DeployDev", "Dev")]
    [TestCase("DeployProd", "Prod")]
    public void ConfigZip_IsRetriedWithBackOff_ForAboutFiveMinutes_ThenFails(string stage, string job)
    {
        var run = Run(Script(stage, job, "Deploy the app"), """az() { record "az $1 $2 $3 $4"; echo "403 Forbidden" >&2; return 1; }""");
        var waited = run.Sleeps.Sum();

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
            Assert.That(waited, Is.InRange(240, 330), run.ToString());
            Assert.That(run.Sleeps, Is.Ordered, "the waits grow");
            Assert.That(run.Sleeps[^1], Is.GreaterThan(run.Sleeps[0]), "back-off, not a fixed interval");
            Assert.That(run.Count("az functionapp deployment source config-zip"), Is.EqualTo(run.Sleeps.Count + 1));
        });
    }

    [Test]
    public void ConfigZip_StopsRetrying_OnceItSucceeds()
    {
        var run = Run(Script("DeployDev", "Dev", "Deploy the app"), """az() { record "az $1 $2 $3 $4"; [ "$(nth zip)" -ge 3 ]; }""");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Count("az functionapp deployment source config-zip"), Is.EqualTo(3));
            Assert.That(run.Sleeps, Has.Count.EqualTo(2));
        });
    }

    [TestCase("DeployDev", "Dev")]
    [TestCase("DeployProd", "Prod")]
    public void HealthCheck_ListsTheKeyInsideTheRetry_WhileTheHostStarts(string stage, string job)
    {
        // The keys cannot be listed until the host runs: the first listing fails, the second is empty, the third works.
        var run = Run(Script(stage, job, "Health check"), """
            az() {
              record "az $1 $2 $3"
              case "$1 $2" in
                "functionapp show") echo "func.azurewebsites.net" ;;
                "functionapp keys") case "$(nth keys)" in 1) return 1 ;; 2) echo "" ;; *) echo "k3y" ;; esac ;;
              esac
            }
            curl() { record "curl $*"; echo '{"healthy":true}'; }
            """);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Count("az functionapp keys"), Is.EqualTo(3));
            Assert.That(run.Sleeps, Is.EqualTo(new[] { 30, 30 }));
            Assert.That(run.Output, Does.Contain("##vso[task.setsecret]k3y"), "the key is masked before it is used");
            Assert.That(run.Calls.Single(c => c.StartsWith("curl ", StringComparison.Ordinal)), Does.Contain("x-functions-key: k3y").And.Contain("https://func.azurewebsites.net/api/health"));
        });
    }

    [TestCase("DeployDev", "Dev")]
    [TestCase("DeployProd", "Prod")]
    public void Deployment_EnsuresTheResourceGroup_BeforeItsWhatIf(string stage, string job)
    {
        var run = Run(Script(stage, job, "Deploy the infrastructure"), """
            az() {
              record "az $1 $2 $3"
              case "$1 $2 $3" in
                "group exists "*) echo false ;;
                "deployment group create") echo "func-scsync-abc123" ;;
              esac
            }
            """);
        var order = new[] { "az group exists", "az group create", "az deployment group what-if", "az deployment group create" }
            .Select(call => run.Calls.FindIndex(c => c.StartsWith(call, StringComparison.Ordinal))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(order, Is.All.GreaterThanOrEqualTo(0), run.ToString());
            Assert.That(order, Is.Ordered, run.ToString());
            Assert.That(run.Output, Does.Contain("##vso[task.setvariable variable=functionAppName]func-scsync-abc123"));
        });
    }

    [TestCase("Validate", "PreviewDev", 0)]
    [TestCase("DeployProd", "PreviewProd", 1)]
    public void Preview_OfAMissingGroup_WarnsOnPullRequests_AndFailsBeforeProdsApproval(string stage, string job, int exitCode)
    {
        var run = Run(Script(stage, job, "What-if"), """az() { record "az $1 $2 $3"; case "$1 $2" in "group exists") echo false ;; esac; }""");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
            Assert.That(run.Count("az deployment group what-if"), Is.Zero);
            Assert.That(run.Output, Does.Contain(exitCode == 0 ? "##vso[task.logissue type=warning]" : "##vso[task.logissue type=error]"));
        });
    }

    [Test]
    public void Preview_OfAnExistingGroup_RunsTheReadOnlyWhatIf()
    {
        var run = Run(Script("DeployProd", "PreviewProd", "What-if"), """az() { record "az $*"; case "$1 $2" in "group exists") echo true ;; esac; }""");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Calls.Single(c => c.StartsWith("az deployment group what-if", StringComparison.Ordinal)),
                Does.Contain("--validation-level ProviderNoRbac").And.Contain("/agent/work/infra/main.prod.bicepparam").And.Contain(Variables()["prodResourceGroup"]));
        });
    }

    [GeneratedRegex(@"\$\(([A-Za-z][A-Za-z.]*)\)")]
    private static partial Regex Macro();
}
