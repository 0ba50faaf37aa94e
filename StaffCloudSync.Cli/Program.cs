using System.Runtime.InteropServices;
using StaffCloudSync.Cli;

// The process entry owns what outlives one CLI call (the signals, a sandbox command's private Azurite, stopped on every way out).
// Not disposed: a signal arriving while the process exits must still find a token to cancel.
var cancellation = new CancellationTokenSource();
var interrupts = 0;

Console.CancelKeyPress += (_, e) =>
{
    if (Interlocked.Increment(ref interrupts) == 1)
    {
        // First Ctrl+C: stop the work gracefully (a sync records its run, the lease is given back), then exit 130.
        e.Cancel = true;
        cancellation.Cancel();
        return;
    }

    // Second Ctrl+C: the operator wants out now; the process ends, but not leaving our Azurite behind.
    AzuriteHost.Stop();
};

using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancellation.Cancel();
});

AppDomain.CurrentDomain.ProcessExit += (_, _) => AzuriteHost.Stop();

try
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellationToken: cancellation.Token);
}
finally
{
    AzuriteHost.Stop();
}
