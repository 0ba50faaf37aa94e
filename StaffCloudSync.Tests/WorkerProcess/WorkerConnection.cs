using System.Collections.Concurrent;
using Grpc.Core;
using StaffCloudSync.Tests.WorkerProcess.Rpc;

namespace StaffCloudSync.Tests.WorkerProcess;

/// <summary>
/// One worker's event stream, seen from the host: requests go out with a fresh <c>request_id</c> and the worker's
/// answer carrying the same id is handed back; the worker's <c>RpcLog</c> lines are kept for failure messages.
/// </summary>
internal sealed class WorkerConnection : IAsyncDisposable
{
    private readonly IServerStreamWriter<StreamingMessage> writer;
    private readonly CancellationToken callEnded;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly ConcurrentQueue<string> logs = new();

    public WorkerConnection(string workerId, IServerStreamWriter<StreamingMessage> writer, CancellationToken callEnded)
    {
        WorkerId = workerId;
        this.writer = writer;
        this.callEnded = callEnded;
    }

    /// <summary>The id the worker gave in its <c>StartStream</c>.</summary>
    public string WorkerId { get; }

    /// <summary>The worker's log lines so far, one per <c>RpcLog</c>.</summary>
    public string Logs => string.Join('\n', logs);

    /// <summary>Sends a request and waits for the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RequestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[request.RequestId] = answer;
        await writing.WaitAsync(callEnded);
        try
        {
            await writer.WriteAsync(request, callEnded);
        }
        finally
        {
            writing.Release();
        }

        try
        {
            return await answer.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The worker did not answer {request.ContentCase} within {deadline.TotalSeconds:0} s. Its log:\n{Logs}");
            throw;
        }
        finally
        {
            pending.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>Sends a message the worker does not answer (the host's <c>InvocationCancel</c>).</summary>
    public async Task SendAsync(StreamingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        await writing.WaitAsync(callEnded);
        try
        {
            await writer.WriteAsync(message, callEnded);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Reads the worker's messages until its stream ends (run by the gRPC call).</summary>
    public async Task ReadAllAsync(IAsyncStreamReader<StreamingMessage> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            while (await reader.MoveNext(callEnded))
            {
                var message = reader.Current;
                if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
                {
                    logs.Enqueue($"[{message.RpcLog.Level}] {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}".TrimEnd());
                }
                else if (pending.TryGetValue(message.RequestId, out var answer))
                {
                    answer.TrySetResult(message);
                }
                else
                {
                    logs.Enqueue($"(unrequested {message.ContentCase} with request id '{message.RequestId}')");
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Grpc.Core.RpcException)
        {
            // The worker went away (it was killed at the end of the test): nothing more will come.
        }

        foreach (var answer in pending.Values)
        {
            answer.TrySetException(new IOException($"The worker's stream ended before it answered. Its log:\n{Logs}"));
        }
    }

    public ValueTask DisposeAsync()
    {
        writing.Dispose();
        return ValueTask.CompletedTask;
    }
}
