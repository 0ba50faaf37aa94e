namespace StaffCloudSync.Core.Storage;

/// <summary>What Table storage accepts as a PartitionKey or RowKey; checked first so a bad id is "not found", not a 400.</summary>
public static class TableKeys
{
    private const int MaxKeyLength = 1024;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
