using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// Trigger payloads shaped as the Functions host shapes them before it sends an <c>InvocationRequest</c>. The
/// conversions followed (read in the public sources, not copied):
/// <list type="bullet">
/// <item>azure-functions-host, src/WebJobs.Script.Grpc/MessageExtensions/GrpcMessageConversionExtensions.cs (commit
/// 8d5406c14ad4280dc1331b3c23f4d8bce76c2866), <c>ToRpc</c>: a <c>ParameterBindingData</c> becomes
/// <c>model_binding_data</c>; an <c>HttpRequest</c> becomes <c>RpcHttp</c> (lower-cased headers, query and route values in
/// the <c>nullable_*</c> maps when the worker asked for <c>UseNullableValueDictionaryForHttp</c>, the body as bytes for
/// <c>RawHttpBodyBytes</c>); any other object (the timer's <c>TimerInfo</c>) is serialized to <c>json</c>
/// (<c>ToRpcDefault</c>); a string stays a <c>string</c>.</item>
/// <item>azure-functions-host, src/WebJobs.Script.Grpc/MessageExtensions/ScriptInvocationContextExtensions.cs (commit
/// 5bf57a379fc969325a0a6ae7cd43cea952a3a36a), <c>ToRpcInvocationRequest</c>: inputs by binding name, the trigger's
/// binding data (route values, queue message properties) as <c>trigger_metadata</c>, always a trace context.</item>
/// <item>azure-sdk-for-net, Microsoft.Azure.WebJobs.Extensions.Storage.Queues, Triggers/StorageQueueMessageToParameterBindingDataConverter.cs
/// (commit b231d67bdb6d8a7f5329cdad2d3dbd4967eb9b38): a queue message for a worker that binds <c>QueueMessage</c>
/// (<c>supportsDeferredBinding</c> in its metadata) is <c>ParameterBindingData("1.0", "AzureStorageQueues",
/// new BinaryData(message), "application/json")</c>; Triggers/QueueTriggerBinding.cs (commit
/// 0238a1dec3a3f5094bde4dd179f1a5b21ef47604), <c>CreateBindingData</c>: the queue's binding data names.</item>
/// </list>
/// </summary>
internal static class HostPayloads
{
    public static InvocationRequest Invocation(string functionId, string bindingName, TypedData data, IReadOnlyDictionary<string, TypedData>? triggerMetadata = null)
    {
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = functionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
        };
        request.InputData.Add(new ParameterBinding { Name = bindingName, Data = data });
        foreach (var (key, value) in triggerMetadata ?? new Dictionary<string, TypedData>())
        {
            request.TriggerMetadata.Add(key, value);
        }

        return request;
    }

    /// <summary>
    /// The timer extension's <c>TimerInfo</c> as the host's Newtonsoft serializer writes it (property names as declared).
    /// The schedule status is the fixed one of a schedule monitor that saw the previous run on time.
    /// </summary>
    public static TypedData Timer(bool isPastDue) => new()
    {
        Json = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = "2026-03-01T02:00:00+00:00", Next = "2026-03-01T14:00:00+00:00", LastUpdated = "2026-03-01T02:00:00+00:00" },
            IsPastDue = isPastDue,
        }),
    };

    /// <summary>A message the host's queue listener dequeued, for a <c>QueueMessage</c> parameter.</summary>
    public static TypedData Queue(QueueMessage message) => new()
    {
        ModelBindingData = new ModelBindingData
        {
            Version = "1.0",
            Source = "AzureStorageQueues",
            ContentType = "application/json",
            Content = ByteString.CopyFrom(new BinaryData(message).ToArray()),
        },
    };

    /// <summary>The queue trigger's binding data (<c>QueueTriggerBinding.CreateBindingData</c>), each value converted by <c>ToRpc</c>.</summary>
    public static Dictionary<string, TypedData> QueueMetadata(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = message.MessageText },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) },
            ["ExpirationTime"] = new() { Json = JsonSerializer.Serialize(message.ExpiresOn.GetValueOrDefault(DateTimeOffset.MaxValue)) },
            ["Id"] = new() { String = message.MessageId },
            ["InsertionTime"] = new() { Json = JsonSerializer.Serialize(message.InsertedOn.GetValueOrDefault()) },
            ["NextVisibleTime"] = new() { Json = JsonSerializer.Serialize(message.NextVisibleOn.GetValueOrDefault(DateTimeOffset.MaxValue)) },
            ["PopReceipt"] = new() { String = message.PopReceipt },
        };
    }

    /// <summary>An HTTP request the host's router matched to a function route, with its route values.</summary>
    public static TypedData Http(string method, Uri url, IReadOnlyDictionary<string, string> routeValues, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(routeValues);
        var http = new RpcHttp { Method = method, Url = url.AbsoluteUri };
        if (body is not null)
        {
            // RawHttpBodyBytes: the body as bytes, whatever its content type.
            http.Body = new TypedData { Bytes = ByteString.CopyFrom(body) };
            http.NullableHeaders.Add("content-type", new NullableString { Value = "application/json" });
            http.NullableHeaders.Add("content-length", new NullableString { Value = body.Length.ToString(CultureInfo.InvariantCulture) });
        }

        http.NullableHeaders.Add("host", new NullableString { Value = url.Authority });
        http.NullableHeaders.Add("accept", new NullableString { Value = "application/json" });
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        foreach (var key in query.AllKeys.OfType<string>())
        {
            http.NullableQuery.Add(key, new NullableString { Value = query[key] ?? string.Empty });
        }

        foreach (var (name, value) in routeValues)
        {
            http.NullableParams.Add(name, new NullableString { Value = value });
        }

        return new TypedData { Http = http };
    }

    /// <summary>Route values are binding data too: the worker binds <c>string tenantId</c> from them.</summary>
    public static Dictionary<string, TypedData> RouteMetadata(IReadOnlyDictionary<string, string> routeValues) =>
        routeValues.ToDictionary(p => p.Key, p => new TypedData { String = p.Value });
}
