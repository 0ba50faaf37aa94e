using System.IO.Pipelines;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>A StaffCloud list answer written on the fly, one record at a time: whatever memory a read takes is the client's.</summary>
internal sealed class GeneratedAnswer(long records, int paddingBytesPerRecord)
{
    private readonly string _padding = new('x', paddingBytesPerRecord);

    public long Bytes { get; private set; }

    // The pipe holds the writer back while the reader has not caught up, so only a few records exist at a time.
    public Stream Open()
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            for (var index = 0L; index <= records; index++)
            {
                var bytes = index == records ? (records == 0 ? "[]"u8.ToArray() : "]"u8.ToArray()) : Record(index);
                Bytes += bytes.Length;
                if ((await pipe.Writer.WriteAsync(bytes)).IsCompleted)
                    break;
            }

            await pipe.Writer.CompleteAsync();
        });
        return pipe.Reader.AsStream();
    }

    private byte[] Record(long index)
    {
        var id = (index + 1).ToString(CultureInfo.InvariantCulture);
        var employee = (index % 10_000 + 1).ToString(CultureInfo.InvariantCulture);
        var eventId = (index % 200 + 1).ToString(CultureInfo.InvariantCulture);
        var json = (index == 0 ? "[" : ",")
            + "{\"id\":" + id + ",\"employee_id\":" + employee + ",\"event_id\":" + eventId
            + ",\"status\":7,\"start\":\"2026-04-01 08:00:00\",\"end\":\"2026-04-01 18:00:00\",\"padding\":\"" + _padding + "\"}";
        return Encoding.UTF8.GetBytes(json);
    }
}

internal sealed class GeneratedAnswerHandler(GeneratedAnswer answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(answer.Open()) { Headers = { { "Content-Type", "application/json" } } },
        });
}
