namespace StaffCloudSync.Sandbox.Simulators;

/// <summary>What a simulator received (retries included) and how it answered.</summary>
public sealed class RequestCounters
{
    private long _reads;
    private long _writes;
    private long _throttled;
    private long _faulted;
    private long _setup;

    public long Reads => Interlocked.Read(ref _reads);
    public long Writes => Interlocked.Read(ref _writes); // every request that is not a GET
    public long Throttled => Interlocked.Read(ref _throttled); // answered 429, by the rate limit or a fault
    public long Faulted => Interlocked.Read(ref _faulted); // answered by a scripted fault or an outage
    public long Setup => Interlocked.Read(ref _setup); // webhook registration: neither reads nor writes of a sync

    public RequestCountersSnapshot Snapshot() => new(Reads, Writes, Throttled, Faulted);

    internal void Received(bool isRead, bool isSetup = false) =>
        Interlocked.Increment(ref isSetup ? ref _setup : ref isRead ? ref _reads : ref _writes);

    internal void Answered(int status, bool byFault)
    {
        if (status == 429)
            Interlocked.Increment(ref _throttled);
        if (byFault)
            Interlocked.Increment(ref _faulted);
    }
}

public readonly record struct RequestCountersSnapshot(long Reads, long Writes, long Throttled, long Faulted)
{
    public static RequestCountersSnapshot operator -(RequestCountersSnapshot after, RequestCountersSnapshot before) =>
        new(after.Reads - before.Reads, after.Writes - before.Writes, after.Throttled - before.Throttled, after.Faulted - before.Faulted);
}
