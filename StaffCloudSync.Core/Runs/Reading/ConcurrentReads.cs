using System.Runtime.ExceptionServices;

namespace StaffCloudSync.Core.Runs.Reading;

/// <summary>
/// Runs independent reads side by side; the first failure cancels the others, and the error that surfaces is
/// the real cause, not the cancellation it caused in a sibling.
/// </summary>
internal sealed class ConcurrentReads : IDisposable
{
    private readonly CancellationTokenSource _failFast;
    private readonly List<Task> _started = [];

    public ConcurrentReads(CancellationToken cancellationToken) =>
        _failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

    public CancellationToken Token => _failFast.Token;

    public Task<List<T>> Start<T>(Func<CancellationToken, IAsyncEnumerable<T>> read)
    {
        var task = CollectAsync(read(Token));
        _started.Add(task);
        return task;
    }

    /// <summary>Waits for every started read; throws the first failure that is not a cancellation.</summary>
    public async Task WhenAllAsync()
    {
        try
        {
            await Task.WhenAll(_started);
        }
        catch (Exception)
        {
            var cause = _started.Where(t => t.IsFaulted)
                .SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null)
                ExceptionDispatchInfo.Capture(cause).Throw();

            throw;
        }
        finally
        {
            _started.Clear();
        }
    }

    public void Dispose() => _failFast.Dispose();

    private async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        try
        {
            await foreach (var item in source)
            {
                list.Add(item);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _failFast.CancelAsync();
            throw;
        }

        return list;
    }
}
