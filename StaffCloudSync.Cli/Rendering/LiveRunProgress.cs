namespace StaffCloudSync.Cli.Rendering;

/// <summary>A run's progress on a terminal's status line ("<c>label · invocation n · phase · writes · rate · time left</c>"); between
/// a chain's invocations no status is live, and the latest line waits for the next.</summary>
internal sealed class LiveRunProgress(string label, TimeProvider time) : IProgress<RunProgress>
{
    private readonly Lock _gate = new();
    private readonly ProgressMeter _meter = new(time);
    private StatusContext? _status;
    private string _label = label;
    private string? _line;

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

/// <summary>Progress reports as a display line. The rate is over the last <see cref="Window"/> so a 429 back-off shows at once; a line
/// is due at most every <see cref="RefreshEvery"/>, or when the phase or invocation changes or the last write is in. Not thread-safe.</summary>
internal sealed class ProgressMeter(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>No rate over less: the first writes of a phase come in a burst or after a pause, and would promise nonsense.</summary>
    public static readonly TimeSpan MinimumSpan = TimeSpan.FromSeconds(1);

    private readonly Queue<(long At, int Done)> _samples = new();
    private long? _lastLine;
    private RunProgress? _last;

    /// <summary>Writes per second; null until the samples span <see cref="MinimumSpan"/>.</summary>
    public double? Rate { get; private set; }

    public TimeSpan? TimeLeft { get; private set; }

    /// <summary>Takes a report in; returns the display's new line when one is due, else null.</summary>
    public string? Observe(RunProgress progress)
    {
        var now = time.GetTimestamp();
        var changed = _last is null || _last.Phase != progress.Phase || _last.Invocation != progress.Invocation;
        if (_last is null || _last.Invocation != progress.Invocation || _last.WritesPlanned != progress.WritesPlanned || progress.WritesDone < _last.WritesDone)
        {
            // A new plan (a new invocation's) counts afresh: its pace starts when its writes do, not at the last one's.
            _samples.Clear();
        }

        _last = progress;
        Sample(now, progress);
        var finished = progress.WritesPlanned > 0 && progress.WritesDone >= progress.WritesPlanned;
        if (!changed && !finished && _lastLine is { } last && time.GetElapsedTime(last, now) < RefreshEvery)
            return null;

        _lastLine = now;
        return Line(progress);
    }

    private void Sample(long now, RunProgress progress)
    {
        _samples.Enqueue((now, progress.WritesDone));

        // Keeps the newest sample older than the window too, so the rate spans the whole window, not just inside it.
        while (_samples.Count > 2 && time.GetElapsedTime(_samples.ElementAt(1).At, now) >= Window)
            _samples.Dequeue();

        var (firstAt, firstDone) = _samples.Peek();
        var span = time.GetElapsedTime(firstAt, now);
        Rate = span >= MinimumSpan && progress.WritesDone > firstDone ? (progress.WritesDone - firstDone) / span.TotalSeconds : null;
        var remaining = progress.WritesPlanned - progress.WritesDone;
        TimeLeft = Rate is { } rate && progress.WritesPlanned > 0 ? TimeSpan.FromSeconds(Math.Max(remaining, 0) / rate) : null;
    }

    private string Line(RunProgress progress)
    {
        var parts = new List<string>();
        if (progress.Invocation > 1)
            parts.Add($"invocation {progress.Invocation}");

        parts.Add(progress.Phase);
        if (progress.WritesPlanned > 0)
        {
            parts.Add($"{CliFormat.Number(progress.WritesDone)} of {CliFormat.Number(progress.WritesPlanned)} writes");
            if (Rate is { } rate)
            {
                var shown = rate < 10 ? rate.ToString("0.0", CultureInfo.InvariantCulture) : CliFormat.Number((long)Math.Round(rate));
                parts.Add($"{shown} writes/s");
            }

            if (TimeLeft is { } left)
                parts.Add($"about {Left(left)} left");
        }

        return string.Join(" · ", parts);
    }

    private static string Left(TimeSpan left) => left.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(left.TotalSeconds):0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)left.TotalMinutes} min {left.Seconds:00} s");
}
