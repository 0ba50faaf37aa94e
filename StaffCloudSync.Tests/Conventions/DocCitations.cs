using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Conventions;

/// <summary>One test the docs cite: a fixture (or none: any fixture), and a method name, prefix or suffix in it.</summary>
/// <param name="Text">The citation as written between the backticks.</param>
/// <param name="Fixture">The class cited, or the one cited before on the same line for a <c>…</c> continuation.</param>
/// <param name="Member">The method; empty or <c>*</c> for the whole class.</param>
/// <param name="IsPrefix">Written with a trailing <c>*</c> or <c>…</c>: the start of one or more method names.</param>
/// <param name="IsSuffix">A <c>…_Behaviour</c> continuation: the end of a method name whose subject comes before it.</param>
internal sealed record DocCitation(string Text, string? Fixture, string Member, bool IsPrefix, bool IsSuffix)
{
    /// <summary>Whether a test method of this assembly is what the citation names.</summary>
    public bool Exists(IReadOnlyDictionary<string, HashSet<string>> testsByFixture)
    {
        if (Fixture is not null && !testsByFixture.ContainsKey(Fixture))
        {
            return false;
        }

        if (Member is "" or "*")
        {
            return true;
        }

        var names = Fixture is null ? testsByFixture.Values.SelectMany(tests => tests) : testsByFixture[Fixture];
        return names.Any(name => IsPrefix ? name.StartsWith(Member, StringComparison.Ordinal)
            : IsSuffix ? name.EndsWith(Member, StringComparison.Ordinal) && name.Length > Member.Length
            : name == Member);
    }
}

/// <summary>
/// The tests a doc cites in backticks: <c>Fixture.Method</c>, <c>Fixture.*</c>, <c>Fixture.Prefix_*</c> or
/// <c>Fixture.Prefix_…</c>, a bare <c>Fixture</c>, a bare method (an uppercase start and an underscore:
/// <c>Rule4_TemplateIsTheTenantSetting</c>, also an old snake_case name), and <c>…Method</c>, <c>…Prefix*</c> or
/// <c>…_Behaviour</c> continuing the fixture cited before it on the same line. A case after the name
/// (<c>Method("0")</c>, <c>Fixture("malformed JSON")</c>) is left off. Fixtures are the classes named <c>…Tests</c>;
/// anything else in backticks (code, settings such as <c>Sync__RunTimeBudget</c>, paths) is no citation.
/// </summary>
internal static partial class DocCitations
{
    /// <summary>Backticked names of the test-name shape that are no test: the convention's placeholder, Azure SKUs.</summary>
    private static readonly HashSet<string> NotTests = new(["Subject_Behaviour", "Standard_LRS", "Standard_ZRS"], StringComparer.Ordinal);

    public static IEnumerable<(int Line, DocCitation Citation)> In(string markdown)
    {
        var lines = markdown.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            string? fixture = null;
            foreach (Match span in Backticked().Matches(lines[index]))
            {
                if (Parse(span.Groups[1].Value, fixture) is not { } citation)
                {
                    continue;
                }

                fixture = citation.Fixture ?? fixture;
                yield return (index + 1, citation);
            }
        }
    }

    /// <summary>The citation in one backticked text, <paramref name="fixture"/> being the one cited before on its line.</summary>
    public static DocCitation? Parse(string text, string? fixture)
    {
        if (NotTests.Contains(text))
        {
            return null;
        }

        var continued = text.StartsWith('…');
        var body = CaseArguments().Replace(continued ? text[1..] : text, "");
        var isPrefix = body.EndsWith('*') || body.EndsWith('…');
        var name = isPrefix ? body[..^1] : body;

        if (continued)
        {
            return ContinuedMember().IsMatch(name)
                ? new DocCitation(text, fixture, name, isPrefix, IsSuffix: !isPrefix && name.StartsWith('_'))
                : null;
        }

        if (FixtureAndMember().Match(body) is { Success: true } cited)
        {
            var member = cited.Groups["member"].Value;
            var memberName = isPrefix && member.Length > 1 ? member[..^1] : member;
            return member is "" or "*" || Member().IsMatch(memberName)
                ? new DocCitation(text, cited.Groups["fixture"].Value, memberName, isPrefix && member != "*", IsSuffix: false)
                : null;
        }

        return BareMethod().IsMatch(name) && name.Contains('_', StringComparison.Ordinal) && name.Any(char.IsLower)
            ? new DocCitation(text, Fixture: null, name, isPrefix, IsSuffix: false)
            : null;
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\([^()]*\)$")]
    private static partial Regex CaseArguments();

    [GeneratedRegex(@"^(?<fixture>[A-Z][A-Za-z0-9]*Tests)(?:\.(?<member>\*|[A-Za-z0-9_]+[*…]?))?$")]
    private static partial Regex FixtureAndMember();

    [GeneratedRegex("^[A-Z][A-Za-z0-9_]*$")]
    private static partial Regex Member();

    [GeneratedRegex("^_?[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*_?$")]
    private static partial Regex ContinuedMember();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*_?$")]
    private static partial Regex BareMethod();
}
