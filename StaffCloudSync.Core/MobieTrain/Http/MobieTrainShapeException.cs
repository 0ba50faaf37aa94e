namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>An answer that is not what the API returns; turned into an <c>InvalidResponse</c> run failure with context.</summary>
internal sealed class MobieTrainShapeException(string message) : Exception(message);
