using System.IO.Compression;
using System.Text.Json;

namespace StaffCloudSync.Core.Runs;

/// <summary>
/// Packs a run's lists into binary properties of one entity: JSON, gzip-compressed, cut into 64 KiB pieces (the
/// largest binary property Table storage takes). Tens of thousands of skipped records compress to well under that
/// budget; a record that still does not fit keeps what does, and says so, rather than failing the write.
/// </summary>
internal static class RunDetailsCodec
{
    public const int ChunkBytes = 64 * 1024;

    // An entity may be 1 MiB. Azurite measures it as the JSON request body, where binary travels as base64 (4/3 of
    // its size): 10 chunks are ~874 KB on the wire, leaving the rest for the summary columns (Reason is capped).
    public const int MaxChunks = 10;

    public const int MaxBytes = ChunkBytes * MaxChunks;

    public static EncodedRunDetails Encode(RunDetails details)
    {
        var compressed = Compress(details);
        if (compressed.Length <= MaxBytes)
        {
            return new EncodedRunDetails(Split(compressed), Truncated: false, details.Count, details.Count);
        }

        // Keep the longest prefix that fits, found by bisection (rare: each probe compresses the lists again).
        var kept = 0;
        var best = Compress(Take(details, 0));
        var tooMany = details.Count;
        while (tooMany - kept > 1)
        {
            var probe = kept + ((tooMany - kept) / 2);
            var candidate = Compress(Take(details, probe));
            if (candidate.Length <= MaxBytes)
            {
                kept = probe;
                best = candidate;
            }
            else
            {
                tooMany = probe;
            }
        }

        return new EncodedRunDetails(Split(best), Truncated: true, kept, details.Count);
    }

    public static RunDetails Decode(IReadOnlyList<byte[]> chunks)
    {
        using var joined = new MemoryStream(chunks.Sum(c => c.Length));
        foreach (var chunk in chunks)
        {
            joined.Write(chunk);
        }

        joined.Position = 0;
        using var gzip = new GZipStream(joined, CompressionMode.Decompress);
        return JsonSerializer.Deserialize(gzip, RunDetailsJsonContext.Default.RunDetails)
            ?? throw new InvalidDataException("The run's details are empty JSON.");
    }

    /// <summary>
    /// The first <paramref name="count"/> entries, taking the held deletions first (an operator needs them to
    /// decide on "allow deletions"), then the failures, then the skipped records.
    /// </summary>
    private static RunDetails Take(RunDetails details, int count)
    {
        var held = details.HeldDeletions.Take(count).ToList();
        count -= held.Count;
        var failures = details.Failures.Take(count).ToList();
        count -= failures.Count;
        return new RunDetails(details.Skipped.Take(count).ToList(), held, failures, details.Approval);
    }

    private static byte[] Compress(RunDetails details)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, details, RunDetailsJsonContext.Default.RunDetails);
        }

        return buffer.ToArray();
    }

    private static List<byte[]> Split(byte[] bytes) => bytes.Chunk(ChunkBytes).ToList();
}

/// <summary>The stored pieces and whether some entries had to be left out (<see cref="KeptEntries"/> of <see cref="TotalEntries"/>).</summary>
internal sealed record EncodedRunDetails(IReadOnlyList<byte[]> Chunks, bool Truncated, int KeptEntries, int TotalEntries);
