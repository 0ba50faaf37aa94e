using System.Text.Json.Nodes;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// Builds and lints infra/ once for every check in this namespace: <c>bicep build</c> of main.bicep to ARM JSON,
/// <c>bicep build-params</c> of both parameter files, <c>bicep lint</c>. A template that does not compile fails
/// every infra check with the compiler's message.
/// </summary>
[SetUpFixture]
public sealed class InfraBuild
{
    private static string? outputDirectory;
    private static ArmTemplate? main;
    private static JsonObject? devParameters;
    private static JsonObject? prodParameters;
    private static BicepResult? build;
    private static BicepResult? lint;

    public static string InfraDirectory => Path.Combine(RepositoryPaths.Root, "infra");

    public static string MainBicep => Path.Combine(InfraDirectory, "main.bicep");

    /// <summary>main.bicep compiled, with its modules as nested deployments.</summary>
    internal static ArmTemplate Main => main ?? throw NotBuilt();

    internal static BicepResult Build => build ?? throw NotBuilt();

    internal static BicepResult Lint => lint ?? throw NotBuilt();

    /// <summary>The <c>parameters</c> of main.dev.bicepparam compiled (name → { value }).</summary>
    public static JsonObject DevParameters => devParameters ?? throw NotBuilt();

    public static JsonObject ProdParameters => prodParameters ?? throw NotBuilt();

    [OneTimeSetUp]
    public void BuildInfrastructure()
    {
        outputDirectory = Directory.CreateTempSubdirectory("staffcloudsync-infra-").FullName;

        var mainJson = Path.Combine(outputDirectory, "main.json");
        build = BicepCli.Run("build", MainBicep, "--outfile", mainJson);
        Assert.That(build.ExitCode, Is.Zero, $"bicep build infra/main.bicep failed: {build}");
        main = ArmTemplate.Parse(File.ReadAllText(mainJson));

        devParameters = BuildParameters("main.dev.bicepparam");
        prodParameters = BuildParameters("main.prod.bicepparam");

        lint = BicepCli.Run("lint", MainBicep);
    }

    [OneTimeTearDown]
    public void RemoveOutput()
    {
        if (outputDirectory is not null && Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }
    }

    private static JsonObject BuildParameters(string file)
    {
        var output = Path.Combine(outputDirectory!, Path.ChangeExtension(file, ".json"));
        var result = BicepCli.Run("build-params", Path.Combine(InfraDirectory, file), "--outfile", output);
        Assert.That(result.ExitCode, Is.Zero, $"bicep build-params infra/{file} failed: {result}");
        return JsonNode.Parse(File.ReadAllText(output))!["parameters"]!.AsObject();
    }

    private static InvalidOperationException NotBuilt() =>
        new("infra/ was not built: InfraBuild's one-time set-up did not run or failed (see its message).");
}
