using System.Text.Json.Nodes;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// What the host makes of the worker's own metadata (worker indexing: <c>"workerIndexing": "true"</c> in
/// worker.config.json), following azure-functions-host's GrpcWorkerChannel (<c>ProcessFunctionMetadataResponses</c>
/// keeps name, directory, script file, entry point, properties and the raw bindings; <c>GetFunctionLoadRequest</c>
/// sends them back with one <c>BindingInfo</c> per binding, keyed by its name).
/// </summary>
internal static class HostIndexing
{
    /// <summary>The metadata of a FunctionLoadRequest for one function the worker reported.</summary>
    public static RpcFunctionMetadata ForLoad(RpcFunctionMetadata reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var metadata = new RpcFunctionMetadata
        {
            Name = reported.Name,
            Directory = reported.Directory,
            EntryPoint = reported.EntryPoint,

            // The worker loads the assembly from Path.GetFullPath(scriptFile): given absolute, it does not depend on
            // the worker's working directory.
            ScriptFile = Path.IsPathRooted(reported.ScriptFile) ? reported.ScriptFile : Path.Combine(FunctionsWorkerProcess.AppDirectory, reported.ScriptFile),
            IsProxy = false,
        };
        foreach (var raw in reported.RawBindings)
        {
            var binding = JsonNode.Parse(raw)!.AsObject();
            metadata.Bindings.Add(Text(binding, "name"), ToBindingInfo(binding));
        }

        foreach (var (key, value) in reported.Properties)
        {
            metadata.Properties.Add(key, value);
        }

        return metadata;
    }

    /// <summary>
    /// A binding as written in functions.metadata or reported by the worker, for comparing the two: direction in one
    /// case ("In" in the file, "in" from some writers) and an empty property bag dropped.
    /// </summary>
    public static JsonObject Normalize(JsonObject binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var copy = binding.DeepClone().AsObject();
        copy["direction"] = Text(copy, "direction").ToLowerInvariant();
        if (copy["properties"] is JsonObject { Count: 0 })
        {
            copy.Remove("properties");
        }

        return copy;
    }

    private static BindingInfo ToBindingInfo(JsonObject binding)
    {
        var info = new BindingInfo
        {
            Type = Text(binding, "type"),
            Direction = Text(binding, "direction").ToLowerInvariant() switch
            {
                "in" => BindingInfo.Types.Direction.In,
                "out" => BindingInfo.Types.Direction.Out,
                _ => BindingInfo.Types.Direction.Inout,
            },
        };
        if (binding["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in properties)
            {
                info.Properties.Add(key, value?.ToString() ?? string.Empty);
            }
        }

        return info;
    }

    private static string Text(JsonObject node, string field) => node[field]!.GetValue<string>();
}
