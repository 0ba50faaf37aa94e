using StaffCloudSync.Core.Http;

namespace StaffCloudSync.Core.MobieTrain.Http;

/// <summary>What of MobieTrain's error bodies may be stored and logged: codes and messages masked and cut.</summary>
internal static class MobieTrainErrorText
{
    private const int MaxErrorMessageLength = 300;

    /// <summary>The error code is meant to be a word; one that is not is masked and cut like a message.</summary>
    public static string? SafeCode(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : ErrorTextMask.Mask(code.Trim()) is var masked && masked.Length <= 64 ? masked : masked[..64];

    /// <summary>
    /// MobieTrain's error message as it may be stored and logged: personal data and key-like text masked
    /// (<see cref="ErrorTextMask"/>), then cut. Every message of MobieTrain's that we keep goes through here.
    /// </summary>
    public static string Cut(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "no error message";
        }

        message = ErrorTextMask.Mask(message.Trim());
        return message.Length <= MaxErrorMessageLength ? message : string.Concat(message.AsSpan(0, MaxErrorMessageLength - 1), "…");
    }
}
