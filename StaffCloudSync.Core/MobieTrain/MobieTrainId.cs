namespace StaffCloudSync.Core.MobieTrain;

/// <summary>
/// The ids MobieTrain hands out for users, invitations and groups. They go into the paths of writes, so only
/// <c>[A-Za-z0-9_-]{1,128}</c> is ever put into a URL: an id with a slash, a dot or a query in it would address
/// another resource.
/// </summary>
public static partial class MobieTrainId
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
