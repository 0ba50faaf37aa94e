using System.Net;
using System.Text;

namespace StaffCloudSync.Sandbox.Bench;

/// <summary>A StaffCloud list answer written on the fly, one record at a time: whatever memory a read takes is the client's.</summary>
internal sealed class GeneratedAnswer(long records, int paddingBytesPerRecord)
{
    private readonly string _padding = new('x', paddingBytesPerRecord);

    public long Records { get; } = records;
    public long Bytes { get; private set; }

    public Stream Open() => new AnswerStream(this);

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

    private sealed class AnswerStream(GeneratedAnswer answer) : Stream
    {
        private long _next;
        private byte[] _current = [];
        private int _offset;
        private bool _closed;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _current.Length)
            {
                if (_next < answer.Records)
                    _current = answer.Record(_next++);
                else if (!_closed)
                {
                    _current = answer.Records == 0 ? "[]"u8.ToArray() : "]"u8.ToArray();
                    _closed = true;
                }
                else
                    return 0;

                _offset = 0;
            }

            var copied = Math.Min(count, _current.Length - _offset);
            Array.Copy(_current, _offset, buffer, offset, copied);
            _offset += copied;
            answer.Bytes += copied;
            return copied;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
