namespace StaffCloudSync.Cli.Infrastructure;

/// <summary>
/// Reports on the caller's thread, at once. <see cref="Progress{T}"/> posts to the thread pool, so its last report
/// could land after the spinner it feeds has stopped, in the middle of the report.
/// </summary>
internal sealed class InlineProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
