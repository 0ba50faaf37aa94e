using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Functions.Functions;

namespace StaffCloudSync.Tests.Infra;

/// <summary>
/// The app's log lines as the code declares them ([LoggerMessage] templates), and the parts of a KQL query that pick
/// lines by their text, so alert rules and workbook panels can be checked against what the app really writes.
/// </summary>
internal static partial class LogTemplates
{
    private static readonly Lazy<Dictionary<string, string>> AllTemplates = new(() =>
        new[] { typeof(SyncLog).Assembly, typeof(TenantSyncPoison).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => Of(type).Select(t => KeyValuePair.Create($"{type.Name}.{t.Key}", t.Value)))
            .ToDictionary(StringComparer.Ordinal));

    /// <summary>Every template of the app (Core and Functions), by <c>Class.Method</c>.</summary>
    public static IReadOnlyDictionary<string, string> All => AllTemplates.Value;

    /// <summary>The message templates of one class's [LoggerMessage] methods, by method name.</summary>
    public static Dictionary<string, string> Of(Type logClass) =>
        logClass.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToDictionary(m => m.Name, m => m.Attribute!.Message);

    /// <summary>
    /// Each <c>message startswith "…"</c> of a query with the <c>and message contains|has "…"</c> that follow it: one
    /// filter for one kind of line. A query ORs several of them to read several kinds.
    /// </summary>
    public static List<LineFilter> LineFilters(string query) =>
        LineFilterClause().Matches(query)
            .Select(m => new LineFilter(m.Groups[1].Value, ContainsClause().Matches(m.Groups[2].Value).Select(c => c.Groups[1].Value).ToList()))
            .ToList();

    /// <summary>The templates (by <c>Class.Method</c>) whose lines one of the query's filters picks.</summary>
    public static SortedSet<string> ReadBy(string query) =>
        new(LineFilters(query).SelectMany(filter => All.Where(t => filter.Matches(t.Value)).Select(t => t.Key)), StringComparer.Ordinal);

    /// <summary>The structured fields a query reads (<c>customDimensions.X</c>).</summary>
    public static IEnumerable<string> Fields(string query) => CustomDimension().Matches(query).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>The placeholders of a template: the fields its line carries.</summary>
    public static IEnumerable<string> Placeholders(string template) => Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    [GeneratedRegex("message startswith \"([^\"]+)\"((?:\\s+and\\s+message\\s+(?:contains|has)\\s+\"[^\"]+\")*)")]
    private static partial Regex LineFilterClause();

    [GeneratedRegex("message\\s+(?:contains|has)\\s+\"([^\"]+)\"")]
    private static partial Regex ContainsClause();

    [GeneratedRegex(@"customDimensions\.([A-Za-z]+)")]
    private static partial Regex CustomDimension();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>
/// One kind of line a query picks: the text it starts with and texts it contains. A template matches when its fixed
/// text (outside the placeholders) carries them, compared without case as KQL's startswith and contains do.
/// </summary>
internal sealed record LineFilter(string StartsWith, IReadOnlyList<string> Contains)
{
    public bool Matches(string template) =>
        template.StartsWith(StartsWith, StringComparison.OrdinalIgnoreCase)
        && Contains.All(literal => template.Contains(literal, StringComparison.OrdinalIgnoreCase));

    /// <summary>No literal takes in a placeholder's name: it is all fixed text of the line, whatever the values.</summary>
    public bool IsFixedText => !StartsWith.Contains('{') && Contains.All(literal => !literal.Contains('{') && !literal.Contains('}'));

    public override string ToString() => $"startswith \"{StartsWith}\"" + string.Concat(Contains.Select(c => $" and contains \"{c}\""));
}
