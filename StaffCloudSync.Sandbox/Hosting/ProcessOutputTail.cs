using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The last lines a child process printed, for the error message when it fails.</summary>
internal sealed class ProcessOutputTail
{
    private const int MaxLines = 30;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Starts a child with both streams collected; one that cannot start (no Node.js) fails with <paramref name="cannotStart"/>.</summary>
    public static (Process Process, ProcessOutputTail Output) Start(string file, string[] arguments, string workingDirectory, string cannotStart)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        var tail = new ProcessOutputTail();
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException(cannotStart, ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, tail);
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
