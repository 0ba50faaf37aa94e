using System.Text;
using StaffCloudSync.Core.Scheduling.Notifications;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>
/// What is taken from a notification's body of unknown shape: its size and a known event name, nothing else
/// (docs/decisions.md, "How the event name is read").
/// </summary>
public class NotificationBodyTests
{
    [TestCase("""{"trigger":{"event":"employee.updated"},"webhook":{"url":"x"}}""", "employee.updated")]
    [TestCase("""{"event":"assignment.status_changed","data":{"id":5}}""", "assignment.status_changed")]
    [TestCase("""{"trigger":"Employee.Created"}""", "employee.created")]
    [TestCase("""{"type":"employee.updated"}""", "employee.updated")]
    [TestCase("""{"event":{"name":"employee.updated"}}""", "employee.updated")]
    [TestCase("""[{"other":1},{"event":"employee.created"}]""", "employee.created")]
    [TestCase("\uFEFF{\"event\":\"employee.updated\"}", "employee.updated")]
    [TestCase("""{"event":"Ana Lopez was confirmed"}""", "unknown")]
    [TestCase("""{"event":"employee.deleted"}""", "unknown")]
    [TestCase("""{"employee":{"email":"ana@example.com"}}""", "unknown")]
    [TestCase("""[[{"event":"employee.updated"}]]""", "unknown")]
    [TestCase("\"employee.updated\"", "unknown")]
    public void TheEventName_IsAKnownTriggerOrUnknown_NeverOtherTextOfTheBody(string body, string expected)
    {
        var reading = NotificationBody.Describe(Encoding.UTF8.GetBytes(body));
        Assert.That((reading.Event, reading.Shape, reading.Bytes), Is.EqualTo((expected, "json", Encoding.UTF8.GetByteCount(body))));
    }

    [TestCase("", "empty")]
    [TestCase(" \r\n\t", "empty")]
    [TestCase("<xml/>", "not JSON")]
    [TestCase("{\"event\":", "not JSON")]
    public void EmptyAndNonJsonBodies_AreUnknownEvents(string body, string shape)
    {
        var reading = NotificationBody.Describe(Encoding.UTF8.GetBytes(body));
        Assert.That((reading.Event, reading.Shape, reading.IsTooLarge), Is.EqualTo(("unknown", shape, false)));
    }

    [Test]
    public void InvalidUtf8_AndDeepNesting_AreUnknownEvents_NotACrash()
    {
        byte[] inName = [.. "{\""u8, 0xC3, 0x28, .. "\":1}"u8];
        byte[] inValue = [.. "{\"event\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var deep = Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200));

        Assert.That(NotificationBody.Describe(inName).Event, Is.EqualTo("unknown"));
        Assert.That(NotificationBody.Describe(inValue).Event, Is.EqualTo("unknown"));
        Assert.That(NotificationBody.Describe(deep).Shape, Is.EqualTo("not JSON"));
    }

    [Test]
    public async Task AHugeBody_IsReadNoFurtherThanOneByteOverTheLimit()
    {
        await using var body = new CountingStream(100 * 1024 * 1024);

        var reading = await NotificationBody.ReadAsync(body, CancellationToken.None);

        Assert.That(reading.IsTooLarge, Is.True);
        Assert.That(body.BytesRead, Is.EqualTo(NotificationBody.MaxBytes + 1));
    }

    /// <summary>A stream of <c>length</c> spaces that counts how much was read of it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)' ', offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
