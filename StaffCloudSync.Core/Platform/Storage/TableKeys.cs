namespace StaffCloudSync.Core.Platform.Storage;

/// <summary>What Table storage accepts as a PartitionKey or RowKey; checked first so a bad id is "not found", not a 400.</summary>
public static class TableKeys
{
    private const int MaxKeyLength = 1024;

    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
