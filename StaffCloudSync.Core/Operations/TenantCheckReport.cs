namespace StaffCloudSync.Core.Operations;

/// <summary>What one check of <see cref="TenantCheck"/> found; written as <c>pass</c>, <c>warn</c>, <c>fail</c>, <c>skip</c>.</summary>
public enum CheckResult
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("fail")] Fail, // a run would fail, or the check could not be made
    [JsonStringEnumMemberName("skip")] Skip, // it needs something an earlier check found missing
}

/// <summary>One check: its stable name (<see cref="TenantCheckNames"/>), its result, what was found and what to do.</summary>
public sealed record TenantCheckLine(string Name, CheckResult Result, string Detail)
{
    public static TenantCheckLine Pass(string name, string detail) => new(name, CheckResult.Pass, detail);
    public static TenantCheckLine Warn(string name, string detail) => new(name, CheckResult.Warn, detail);
    public static TenantCheckLine Fail(string name, string detail) => new(name, CheckResult.Fail, detail);
    public static TenantCheckLine Skip(string name, string detail) => new(name, CheckResult.Skip, detail);
}

/// <summary>The check before a tenant's first run (issue 21): every check in order; <see cref="Ok"/> when none failed.</summary>
public sealed record TenantCheckReport(string TenantId, DateTimeOffset At, IReadOnlyList<TenantCheckLine> Checks)
{
    public bool Ok => Checks.All(c => c.Result != CheckResult.Fail);
}

/// <summary>The checks' names, in the order they are made and reported.</summary>
public static class TenantCheckNames
{
    public const string Row = "row";
    public const string Secrets = "secrets";
    public const string StaffCloudToken = "staffcloud-token";
    public const string Confirmations = "confirmations";
    public const string Languages = "languages";
    public const string Phones = "phones";
    public const string MobieTrainKey = "mobietrain-key";
    public const string BaseGroups = "base-groups";
    public const string Groups = "groups";
    public const string ExternalIds = "external-ids";

    public static IReadOnlyList<string> InOrder { get; } =
        [Row, Secrets, StaffCloudToken, Confirmations, Languages, Phones, MobieTrainKey, BaseGroups, Groups, ExternalIds];
}
