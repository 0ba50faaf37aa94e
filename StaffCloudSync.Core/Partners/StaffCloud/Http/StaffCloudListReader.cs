using System.IO.Pipelines;

namespace StaffCloudSync.Core.Partners.StaffCloud.Http;

/// <summary>A bare JSON array streamed element by element, since StaffCloud does not page; <c>{"response": [...]}</c> too.</summary>
internal static class StaffCloudListReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static async IAsyncEnumerable<StaffCloudElement> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            var first = await PeekFirstByteAsync(reader, cancellationToken)
                ?? throw new InvalidAnswerException("an empty body");

            if (first == (byte)'[')
            {
                var elements = JsonSerializer.DeserializeAsyncEnumerable(reader, StaffCloudJson.Default.StaffCloudElement, cancellationToken);
                await foreach (var element in elements)
                    yield return element;

                yield break;
            }

            // Not a bare array: an envelope is expected to be small enough to buffer; anything else is only described.
            foreach (var element in await ReadEnvelopeAsync(reader, cancellationToken))
                yield return element;
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static async Task<List<StaffCloudElement>> ReadEnvelopeAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        var root = await JsonAsync(() => JsonSerializer.DeserializeAsync(reader, StaffCloudJson.Default.JsonElement, cancellationToken));
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Array
            ? response.Deserialize(StaffCloudJson.Default.ListStaffCloudElement)!
            : throw new InvalidAnswerException(root.ValueKind switch
            {
                JsonValueKind.Object when root.TryGetProperty("response", out var other) =>
                    $"a JSON object whose 'response' is {Describe(other.ValueKind)}, not a list",
                JsonValueKind.Object => "a JSON object without a 'response' list",
                var kind => $"{Describe(kind)}, not a list",
            });
    }

    internal static async ValueTask<T> JsonAsync<T>(Func<ValueTask<T>> read)
    {
        try
        {
            return await read();
        }
        catch (JsonException)
        {
            throw new InvalidAnswerException("a body that is not JSON");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a JSON boolean",
        JsonValueKind.Null => "JSON null",
        JsonValueKind.Undefined => "an unknown JSON value",
        _ => $"a JSON {kind.ToString().ToLowerInvariant()}",
    };

    // Skips a byte-order mark and whitespace, and returns the first byte of the value without consuming it.
    private static async Task<byte?> PeekFirstByteAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        // As many bytes as a byte-order mark at least, to tell one from a value.
        var result = await reader.ReadAtLeastAsync(Bom.Length, cancellationToken);
        var text = new SequenceReader<byte>(result.Buffer);
        text.IsNext(Bom, advancePast: true);
        while (true)
        {
            text.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n');
            if (text.TryPeek(out var first))
            {
                reader.AdvanceTo(text.Position);
                return first;
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                return null;

            result = await reader.ReadAsync(cancellationToken);
            text = new SequenceReader<byte>(result.Buffer);
        }
    }
}

internal sealed class InvalidAnswerException(string description) : Exception(description);
