using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// infra/ and the pipeline (azure-pipelines.yml and its step templates) build offline (local modules only) and hold no key, token or connection string;
/// the compiled template never reads a key either, and no app setting carries one.
/// </summary>
public partial class InfraHygieneTests
{
    private static IEnumerable<string> CheckedFiles() =>
        Directory.GetFiles(InfraBuild.InfraDirectory, "*", SearchOption.AllDirectories)
            .Concat(PipelineYaml.Files())
            .Order(StringComparer.Ordinal);

    [Test]
    public void NoRegistryModules_EveryModuleIsALocalFile()
    {
        Assert.Multiple(() =>
        {
            foreach (var file in CheckedFiles())
            {
                var text = File.ReadAllText(file);
                Assert.That(RegistryReference().Match(text).Value, Is.Empty, $"{file} references a registry module");
                foreach (Match module in ModuleReference().Matches(text))
                {
                    var target = Path.Combine(Path.GetDirectoryName(file)!, module.Groups[1].Value);
                    Assert.That(File.Exists(target), Is.True, $"{file}: module {module.Groups[1].Value} is not a local file");
                }
            }

            Assert.That(File.ReadAllText(Path.Combine(InfraBuild.InfraDirectory, "bicepconfig.json")), Does.Not.Contain("moduleAliases"));
        });
    }

    [Test]
    public void NoFile_HoldsAKeyLookingString()
    {
        Assert.Multiple(() =>
        {
            foreach (var file in CheckedFiles())
            {
                Assert.That(SecretPatterns.FindIn(File.ReadAllText(file)), Is.Null, file);
            }
        });
    }

    [Test]
    public void TheSecretPatterns_DoCatchKeys()
    {
        // Made-up values of the shapes the check must catch; none is a real credential.
        var samples = new[]
        {
            "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc;EndpointSuffix=core.windows.net",
            "https://x.blob.core.windows.net/c?sv=2024-01-01&ss=b&sig=abc",
            "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            "password: 'hunter2hunter2'",
            "token = \"Q2hhbmdlTWVQbGVhc2UxMjM0NTY3ODkwQUJDREVGR0g=\"",
            "value: Q2hhbmdlTWVQbGVhc2UxMjM0NTY3ODkwQUJDREVGR0g=",
        };

        Assert.Multiple(() =>
        {
            foreach (var sample in samples)
            {
                Assert.That(SecretPatterns.FindIn(sample), Is.Not.Null, sample);
            }

            Assert.That(SecretPatterns.FindIn("ClientId=00000000-0000-0000-0000-000000000000;Authorization=AAD"), Is.Null);
            Assert.That(SecretPatterns.FindIn("Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01"), Is.Null);
        });
    }

    [Test]
    public void CompiledTemplate_NeverReadsAKey()
    {
        var json = InfraBuild.Main.Root.ToJsonString();

        Assert.Multiple(() =>
        {
            Assert.That(ListFunction().Match(json).Value, Is.Empty, "a list*() call (listKeys, listSecrets…) hands out a key");
            Assert.That(json, Does.Not.Contain("connectionStrings"));
            Assert.That(InfraBuild.Main.Root["outputs"]!.AsObject().Select(o => o.Key), Has.None.Contains("Key").And.None.Contains("Secret"));
        });
    }

    [Test]
    public void NoAppSettingValue_LooksLikeASecretOrAConnectionString()
    {
        Assert.Multiple(() =>
        {
            foreach (var (name, value) in InfraAppSettings.Read())
            {
                Assert.That(SecretPatterns.FindIn(value), Is.Null, name);
                Assert.That(value, Does.Not.Contain("UseDevelopmentStorage").And.Not.Contain("DefaultEndpointsProtocol"), name);
            }
        });
    }

    [Test]
    public void NoParameter_TakesASecret()
    {
        var parameters = InfraBuild.Main.Root["parameters"]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(parameters.Where(p => p.Value!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase)).Select(p => p.Key), Is.Empty);
            foreach (var file in new[] { InfraBuild.DevParameters, InfraBuild.ProdParameters })
            {
                Assert.That(SecretPatterns.FindIn(file.ToJsonString()), Is.Null);
            }
        });
    }

    [GeneratedRegex(@"'(br|ts)[:/][^']*'")]
    private static partial Regex RegistryReference();

    [GeneratedRegex(@"^\s*module\s+\w+\s+'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunction();
}
