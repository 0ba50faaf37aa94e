namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>One write: where it goes, what it does (for its idempotency key) and its canonical body.</summary>
internal sealed record MobieTrainWrite(HttpMethod Method, string Path, string Action, string Record, byte[]? Body)
{
    /// <summary>Method and path below the account, for messages and logs: ids only, never a value from the body.</summary>
    public string Operation => $"{Method.Method} /{Path}";
}
