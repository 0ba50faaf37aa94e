namespace StaffCloudSync.Core.MobieTrain;

/// <summary>
/// MobieTrain refused a write for one record (422, or a 409 that names another person): that record fails,
/// the run goes on. The message is MobieTrain's own, which names fields, not values.
/// </summary>
public sealed class MobieTrainRecordException : Exception
{
    public MobieTrainRecordException(string message, int statusCode, string? errorCode = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public MobieTrainRecordException() { }

    public MobieTrainRecordException(string message) : base(message) { }

    public MobieTrainRecordException(string message, Exception innerException) : base(message, innerException) { }

    public int StatusCode { get; }

    public string? ErrorCode { get; }
}
