using System.Reflection;
using System.Text.RegularExpressions;

namespace StaffCloudSync.Tests.Conventions;

/// <summary>
/// The test methods of this assembly, found by their NUnit attributes (<c>[Test]</c>, <c>[TestCase]</c>,
/// <c>[TestCaseSource]</c>, <c>[Theory]</c>), and the name every one of them has (docs/decisions.md, "Test helpers and names?").
/// </summary>
internal static partial class TestMethods
{
    private static readonly Type[] TestAttributes =
        [typeof(TestAttribute), typeof(TestCaseAttribute), typeof(TestCaseSourceAttribute), typeof(TheoryAttribute)];

    private const BindingFlags AnyMethod =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>Every test method, once, on the class that declares it.</summary>
    public static IReadOnlyList<MethodInfo> All { get; } = typeof(TestMethods).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(AnyMethod | BindingFlags.DeclaredOnly))
        .Where(IsTest)
        .ToList();

    /// <summary>The test methods' names by the simple name of each fixture that runs them (inherited ones included).</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> ByFixture { get; } = typeof(TestMethods).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false })
        .Select(type => (type.Name, Tests: type.GetMethods(AnyMethod | BindingFlags.FlattenHierarchy).Where(IsTest).Select(m => m.Name)))
        .Where(fixture => fixture.Tests.Any())
        .GroupBy(fixture => fixture.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(f => f.Tests).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary><c>Subject_Behaviour</c>: PascalCase parts joined by single underscores; a part may start with a digit.</summary>
    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)*$")]
    public static partial Regex NamePattern();

    private static bool IsTest(MethodInfo method) => TestAttributes.Any(attribute => method.IsDefined(attribute, inherit: false));
}
