using StaffCloudSync.Core.Platform.Telemetry;
using StaffCloudSync.Core.Runs.Records;

namespace StaffCloudSync.Core.Runs;

/// <summary>A message the queue gave up on: recorded as a failed run and logged as an error an alert matches (event 1505).</summary>
public sealed class PoisonHandler(RunStore runs, TimeProvider time, ILogger<PoisonHandler> logger)
{
    public async Task HandleAsync(string messageText, string messageId, CancellationToken cancellationToken)
    {
        if (!SyncRequest.TryParse(messageText, out var message, out var error))
        {
            QueueLog.UnreadablePoisonMessage(logger, messageId, error!);
            SyncTelemetry.RecordPoisonMessage(null);
            return;
        }

        QueueLog.PoisonMessage(logger, message!.TenantId, message.RunId, messageId);
        SyncTelemetry.RecordPoisonMessage(message.TenantId);
        var last = await runs.GetAsync(message.TenantId, message.RunId, cancellationToken);
        var record = RunRecorder.EndedFor(message, last, message.RequestedAt, time.GetUtcNow(), new RunEnd(RunStatus.Failed,
            $"Given up after the queue's retries (message moved to {SyncRequest.PoisonQueueName}); last reason: {last?.Reason ?? "unknown"}"));
        await runs.WriteAsync(record, cancellationToken);
    }
}
