using System.Text;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>The last lines a child process printed, for the error message when it fails.</summary>
internal sealed class ProcessOutputTail
{
    private const int MaxLines = 30;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
            return;

        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > MaxLines)
                _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return new StringBuilder().AppendJoin('\n', _lines).ToString();
        }
    }
}
