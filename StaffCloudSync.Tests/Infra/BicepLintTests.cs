using System.Text.Json.Nodes;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The templates compile and lint clean, and the lint really is strict: bicepconfig.json raises the rules to
/// errors, because <c>bicep lint</c> exits 0 on warnings and a pipeline would let them through.
/// </summary>
public class BicepLintTests
{
    /// <summary>Rules left off, each with why; every other configured rule must be an error.</summary>
    private static readonly Dictionary<string, string> RulesLeftOff = new()
    {
        ["use-recent-api-versions"] = "judges API versions against today's date: the same template would start failing with time alone",
        ["use-recent-module-versions"] = "asks the public module registry, which the templates do not use and the build cannot reach",
    };

    [Test]
    public void Build_ReportsNoWarnings()
    {
        Assert.That(InfraBuild.Build.Output, Does.Not.Contain("Warning").And.Not.Contain("Error"), InfraBuild.Build.ToString());
    }

    [Test]
    public void Lint_PassesWithNoFinding()
    {
        var lint = InfraBuild.Lint;

        Assert.Multiple(() =>
        {
            Assert.That(lint.ExitCode, Is.Zero, lint.ToString());
            Assert.That(lint.Output, Does.Not.Contain("Warning").And.Not.Contain("Error"), lint.ToString());
        });
    }

    [Test]
    public void Config_RaisesEveryRuleToError_ExceptTheOnesLeftOffForAReason()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraBuild.InfraDirectory, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject()
            .ToDictionary(r => r.Key, r => r.Value!["level"]!.GetValue<string>());

        Assert.Multiple(() =>
        {
            Assert.That(config["analyzers"]!["core"]!["enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(rules.Where(r => r.Value != "error").Select(r => r.Key), Is.EquivalentTo(RulesLeftOff.Keys));
            Assert.That(RulesLeftOff.Keys.Select(k => rules[k]), Is.All.EqualTo("off"));
            // Among them the rule that catches what a change most often leaves behind.
            Assert.That(rules["no-unused-params"], Is.EqualTo("error"));
        });
    }

    [Test]
    public void Lint_FailsOnAFindingThatIsOnlyAWarningByDefault()
    {
        // A copy of infra/ with one unused parameter: the default level of no-unused-params is "warning".
        var copy = Directory.CreateTempSubdirectory("staffcloudsync-lint-").FullName;
        try
        {
            CopyDirectory(InfraBuild.InfraDirectory, copy);
            var main = Path.Combine(copy, "main.bicep");
            File.AppendAllText(main, "\nparam deliberatelyUnused string = 'unused'\n");

            var lint = BicepCli.Run("lint", main);

            Assert.Multiple(() =>
            {
                Assert.That(lint.ExitCode, Is.Not.Zero, lint.ToString());
                Assert.That(lint.Output, Does.Contain("Error no-unused-params"), lint.ToString());
            });
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
