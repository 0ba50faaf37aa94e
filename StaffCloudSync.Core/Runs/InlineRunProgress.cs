namespace StaffCloudSync.Core.Runs;

/// <summary>An inline run with a listener: what the CLI's <c>sync</c> and <c>sandbox run</c> show live on a terminal.</summary>
public static class InlineRunProgress
{
    /// <summary>
    /// <see cref="TenantRunner.RunInlineAsync"/> with <paramref name="progress"/> told of each phase and each finished write
    /// of the chain's invocations; null runs it as is.
    /// </summary>
    public static async Task<SyncOutcome> RunInlineAsync(
        this TenantRunner runner,
        SyncRequest request,
        Func<SyncRequest, Func<Task<SyncOutcome>>, Task<SyncOutcome>>? around,
        IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(request);
        using var listening = RunProgressTracker.Listen(progress, request.TenantId, request.Invocation);
        around = RunTelemetry.EachInItsSpan(around);
        return await runner.RunInlineAsync(request, around, cancellationToken);
    }
}
