using Microsoft.AspNetCore.Hosting;

namespace StaffCloudSync.Sandbox.Simulators;

/// <summary>An in-process Kestrel server on a loopback port: counting, latency, faults and outages both simulators share.</summary>
public abstract class SimulatorHost(TimeProvider clock) : IAsyncDisposable
{
    private readonly Lock _faultsGate = new();
    private readonly List<(SimulatorFault Fault, int Remaining)> _faults = [];
    private readonly ConcurrentDictionary<(string Prefix, string Credential), bool> _credentials = new();
    private WebApplication? _app;
    private long _outageAfterWrites = long.MaxValue;

    public TimeProvider Clock { get; } = clock;
    public RequestCounters Requests { get; } = new();

    /// <summary>Which Authorization reached which path prefix (a StaffCloud tenant, a MobieTrain account): the isolation tests' proof.</summary>
    public IReadOnlyCollection<(string Prefix, string Credential)> CredentialsSeen => [.. _credentials.Keys];

    /// <summary>Raised after each write the simulator served itself (not a fault): a test's "kill the process here".</summary>
    public event Action? WriteServed;
    public TimeSpan Latency { get; set; }
    public bool Outage { get; set; }
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public void AddFaults(IEnumerable<SimulatorFault> faults)
    {
        lock (_faultsGate)
            _faults.AddRange(faults.Select(f => (f, f.Times)));
    }

    /// <summary>After <paramref name="writes"/> more writes, every request is answered 503 (until <see cref="EndOutage"/>).</summary>
    public void OutageAfterWrites(int writes) => Interlocked.Exchange(ref _outageAfterWrites, Requests.Writes + writes);

    public void EndOutage()
    {
        Outage = false;
        Interlocked.Exchange(ref _outageAfterWrites, long.MaxValue);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(ServeAsync);
        MapEndpoints(app);
        await app.StartAsync(cancellationToken);
        _app = app;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        GC.SuppressFinalize(this);
    }

    protected static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    protected static string[] Segments(HttpRequest request) =>
        (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);

    protected abstract void MapEndpoints(WebApplication app);

    /// <summary>Setup, not sync (StaffCloud's webhook registration): counted apart, so a sync's reads and writes are its own.</summary>
    protected virtual bool IsSetupRequest(HttpRequest request) => false;

    // The error body of this API for a status the simulator makes up (fault, outage).
    protected abstract Task WriteErrorAsync(HttpContext context, int status, string code, string message);

    private async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        var isRead = HttpMethods.IsGet(context.Request.Method);
        var isSetup = IsSetupRequest(context.Request);
        Requests.Received(isRead, isSetup);
        _credentials.TryAdd((string.Join('/', Segments(context.Request).Take(3)), context.Request.Headers.Authorization.ToString()), true);
        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, context.RequestAborted);

        // Once the armed number of writes is served, every later request (read or write) meets the outage.
        var outageFrom = Interlocked.Read(ref _outageAfterWrites);
        if (Outage || Requests.Writes > outageFrom || (isRead && Requests.Writes >= outageFrom))
        {
            Requests.Answered(503, byFault: true);
            await WriteErrorAsync(context, 503, "unavailable", "The service is unavailable (simulated outage).");
        }
        else if (TakeFault(context.Request) is { } fault)
            await ServeFaultAsync(context, next, fault);
        else
        {
            await next(context);
            Requests.Answered(context.Response.StatusCode, byFault: false);
            if (!isRead && !isSetup)
                WriteServed?.Invoke();
        }
    }

    private async Task ServeFaultAsync(HttpContext context, RequestDelegate next, SimulatorFault fault)
    {
        if (fault.Drop || fault.Hang)
        {
            Requests.Answered(0, byFault: true);
            if (fault.Drop)
                context.Abort();
            else
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (fault.Commit)
        {
            // Serve for real into a buffer that is thrown away: the server acted, the client never hears of it.
            var original = context.Response.Body;
            await using var discarded = new MemoryStream();
            context.Response.Body = discarded;
            await next(context);
            context.Response.Body = original;
            context.Response.Headers.Clear();
        }

        if (fault.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        Requests.Answered(fault.Status, byFault: true);
        if (fault.Body is null)
        {
            await WriteErrorAsync(context, fault.Status, "simulated", $"Simulated fault {fault.Status}.");
            return;
        }

        context.Response.StatusCode = fault.Status;
        context.Response.ContentType = fault.ContentType;
        await context.Response.WriteAsync(fault.Body, context.RequestAborted);
    }

    private SimulatorFault? TakeFault(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        lock (_faultsGate)
        {
            var index = _faults.FindIndex(f => f.Remaining > 0
                && path.EndsWith(f.Fault.Path, StringComparison.Ordinal)
                && (f.Fault.Method is null || string.Equals(f.Fault.Method, request.Method, StringComparison.OrdinalIgnoreCase)));
            if (index < 0)
                return null;
            var (fault, remaining) = _faults[index];
            _faults[index] = (fault, remaining - 1);
            return fault;
        }
    }
}

/// <summary>A scripted failure (scenario-format.md); <see cref="Commit"/>: served first, its answer replaced (lost after acting).</summary>
public sealed record SimulatorFault
{
    public string? Method { get; init; }
    public required string Path { get; init; }
    public int Status { get; init; } = 503;
    public int Times { get; init; } = 1;
    public int? RetryAfterSeconds { get; init; }
    public bool Commit { get; init; }

    public bool Hang { get; init; } // no answer until the client gives up
    public bool Drop { get; init; } // the connection closed without an answer

    /// <summary>This raw body instead of the API's error body: answers the API never gives (garbage, wrong shapes).</summary>
    public string? Body { get; init; }
    public string ContentType { get; init; } = "application/json";
}

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
