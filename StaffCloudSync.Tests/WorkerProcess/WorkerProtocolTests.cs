using System.Text.Json.Nodes;
using StaffCloudSync.Tests.Infrastructure;
using StaffCloudSync.Tests.Planning;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// The host↔worker protocol with the real worker process: StartStream, WorkerInitRequest, FunctionsMetadataRequest
/// (the worker's own metadata against the functions.metadata the build wrote) and a FunctionLoadRequest per function.
/// </summary>
[Category("WorkerProcess")]
[NonParallelizable]
public class WorkerProtocolTests
{
    [Test]
    public async Task Handshake_InitSucceeds_MetadataIsTheGeneratedOne_EveryFunctionLoads()
    {
        await using var sandbox = await WorkerSandbox.StartAsync(Plans.DefaultTenant());

        // The capabilities the worker's HTTP handling depends on: HostPayloads sends HTTP bodies and maps accordingly.
        Assert.That(sandbox.Init.Capabilities.Keys, Is.SupersetOf(new[] { "RawHttpBodyBytes", "UseNullableValueDictionaryForHttp" }), sandbox.Connection.Logs);
        Assert.That(sandbox.Metadata.UseDefaultMetadataIndexing, Is.False, "the worker indexes its functions itself");

        var generated = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.FunctionsOutput, "functions.metadata")))!.AsArray()
            .Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.GetValue<string>(), StringComparer.Ordinal);
        var reported = sandbox.Metadata.FunctionMetadataResults.ToDictionary(f => f.Name, StringComparer.Ordinal);
        Assert.That(reported.Keys, Is.EquivalentTo(generated.Keys));
        foreach (var (name, file) in generated)
        {
            var worker = reported[name];
            Assert.That(worker.EntryPoint, Is.EqualTo(file["entryPoint"]!.GetValue<string>()), name);
            Assert.That(Path.GetFileName(worker.ScriptFile), Is.EqualTo(file["scriptFile"]!.GetValue<string>()), name);
            Assert.That(worker.Language, Is.EqualTo(file["language"]!.GetValue<string>()), name);
            var expected = file["bindings"]!.AsArray().Select(b => HostIndexing.Normalize(b!.AsObject())).ToList();
            var actual = worker.RawBindings.Select(b => HostIndexing.Normalize(JsonNode.Parse(b)!.AsObject())).ToList();
            Assert.That(actual, Has.Count.EqualTo(expected.Count), name);
            foreach (var binding in expected)
            {
                Assert.That(actual.Any(a => JsonNode.DeepEquals(a, binding)), Is.True,
                    $"{name}: the worker reports no binding {binding.ToJsonString()}; it reports {string.Join(", ", actual.Select(a => a.ToJsonString()))}");
            }
        }

        foreach (var (name, load) in sandbox.Loads)
        {
            Assert.That(load.Result.Status, Is.EqualTo(StatusResult.Types.Status.Success), $"{name}: {load.Result.Exception?.Message}\n{sandbox.Connection.Logs}");
        }
    }
}
