using System.Collections.Concurrent;
using System.Diagnostics;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The last lines a child process printed, for the error message when it fails.</summary>
internal sealed class ProcessOutputTail
{
    private const int MaxLines = 30;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Collects what <paramref name="process"/> prints on both streams (its start info redirects them).</summary>
    public static ProcessOutputTail Of(Process process)
    {
        var tail = new ProcessOutputTail();
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        return tail;
    }

    private void Add(string? line)
    {
        if (line is null)
            return;

        _lines.Enqueue(line);
        while (_lines.Count > MaxLines)
            _lines.TryDequeue(out _);
    }

    public override string ToString() => string.Join('\n', _lines);
}
