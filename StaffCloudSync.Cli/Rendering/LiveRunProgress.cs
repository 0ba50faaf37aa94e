namespace StaffCloudSync.Cli.Rendering;

/// <summary>A run's progress on a terminal's status line ("<c>label · invocation n · phase · writes · rate · time left</c>"), only
/// on an interactive standard error without <c>--json</c>. Reports from the parallel writes land on whatever status is
/// live (none between a chain's invocations, while each one's report is printed): the latest line waits for the next.</summary>
internal sealed class LiveRunProgress(string label, TimeProvider time) : IProgress<RunProgress>
{
    private readonly Lock _gate = new();
    private readonly ProgressMeter _meter = new(time);
    private StatusContext? _status;
    private string _label = label;
    private string? _line;

    /// <summary>The status the lines go to, until <see cref="Detach"/>.</summary>
    public void Attach(StatusContext status)
    {
        lock (_gate)
        {
            _status = status;
            Render();
        }
    }

    public void Detach()
    {
        lock (_gate)
            _status = null;
    }

    /// <summary>What the run belongs to (a scenario's step): a new one starts without the last run's line.</summary>
    public void Label(string label)
    {
        lock (_gate)
        {
            _label = label;
            _line = null;
            Render();
        }
    }

    public void Report(RunProgress value)
    {
        lock (_gate)
        {
            if (_meter.Observe(value) is { } line)
            {
                _line = line;
                Render();
            }
        }
    }

    private void Render() => _status?.Status(Markup.Escape(_line is null ? _label : $"{_label} · {_line}"));
}
