using System.Runtime.ExceptionServices;

namespace StaffCloudSync.Core.Runs.Reading;

/// <summary>Independent reads side by side; the first failure cancels the others, and surfaces as the cause.</summary>
internal sealed class ConcurrentReads(CancellationToken cancellationToken) : IDisposable
{
    private readonly CancellationTokenSource _failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private readonly List<Task> _started = [];

    public Task<List<T>> Start<T>(Func<CancellationToken, IAsyncEnumerable<T>> read)
    {
        var task = CollectAsync(read(_failFast.Token));
        _started.Add(task);
        return task;
    }

    public async Task WhenAllAsync()
    {
        try
        {
            await Task.WhenAll(_started);
        }
        catch (Exception)
        {
            var cause = _started.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
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
        try
        {
            return await source.ToListAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await _failFast.CancelAsync();
            throw;
        }
    }
}
