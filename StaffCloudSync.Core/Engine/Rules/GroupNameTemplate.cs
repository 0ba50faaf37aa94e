using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.StaffCloud;

namespace StaffCloudSync.Core.Engine.Rules;

/// <summary>The tenant's <c>GroupNameTemplate</c> (placeholders: sync-rules.md, "event group"; dates in invariant culture, the
/// event's local time), parsed once and rendered per event or project.</summary>
public sealed partial class GroupNameTemplate
{
    public const int MaxNameLength = 255;
    private const string DefaultDateFormat = "yyyy-MM-dd";
    private static readonly Dictionary<string, PartKind> Placeholders = new(StringComparer.Ordinal)
        { ["id"] = PartKind.Id, ["name"] = PartKind.Name, ["start"] = PartKind.Start, ["end"] = PartKind.End, ["project"] = PartKind.Project };
    private readonly List<Part> _parts;

    private GroupNameTemplate(GroupNameSubject subject, List<Part> parts) => (Subject, _parts) = (subject, parts);

    public GroupNameSubject Subject { get; }
    public bool UsesProject => _parts.Any(p => p.Kind == PartKind.Project);

    public static GroupNameTemplate Parse(string template, GroupNameSubject subject = GroupNameSubject.Event) =>
        TryParse(template, subject, out var parsed, out var error) ? parsed! : throw new FormatException(error);

    public static bool TryParse(string? template, GroupNameSubject subject, out GroupNameTemplate? parsed, out string? error)
    {
        var parts = new List<Part>();
        error = ParseParts(template, subject, parts);
        parsed = error is null ? new GroupNameTemplate(subject, parts) : null;
        return error is null;
    }

    /// <summary>Trimmed, control characters dropped, at most 255 characters; a null <paramref name="projectName"/> renders as nothing.</summary>
    public string Render(StaffCloudEvent staffCloudEvent, string? projectName = null) => Subject != GroupNameSubject.Event
        ? throw new InvalidOperationException("A project group template cannot name an event's group.")
        : Render(GroupExternalIds.ForEventGroup(staffCloudEvent.Id), part => part.Kind switch
        {
            PartKind.Id => staffCloudEvent.Id.ToString(CultureInfo.InvariantCulture),
            PartKind.Name => staffCloudEvent.Name,
            PartKind.Start => staffCloudEvent.Start?.ToString(part.Value, CultureInfo.InvariantCulture),
            PartKind.End => (staffCloudEvent.End ?? staffCloudEvent.Start)?.ToString(part.Value, CultureInfo.InvariantCulture),
            _ => projectName,
        });

    public string RenderProject(long projectId, string projectName) => Subject != GroupNameSubject.Project
        ? throw new InvalidOperationException("An event group template cannot name a project's group.")
        : Render(GroupExternalIds.ForProjectGroup(projectId), part => part.Kind switch
        {
            PartKind.Id => projectId.ToString(CultureInfo.InvariantCulture),
            PartKind.Project => projectName,
            _ => string.Empty,
        });

    // A name that renders empty (an event without a name, say) falls back to the group's externalId: never a blank group.
    private string Render(string fallback, Func<Part, string?> placeholder)
    {
        var rendered = string.Concat(_parts.Select(p => p.Kind == PartKind.Literal ? p.Value : placeholder(p)));
        var name = PersonName.Normalize(rendered);
        return name is null ? fallback : PersonName.Truncate(name, MaxNameLength);
    }

    private static string? ParseParts(string? template, GroupNameSubject subject, List<Part> parts)
    {
        if (string.IsNullOrWhiteSpace(template))
            return "is empty";

        var literal = new StringBuilder();
        foreach (Match token in Tokens().Matches(template))
        {
            var position = token.Index + 1;
            switch (token.Value)
            {
                case "{{" or "}}":
                    literal.Append(token.Value[0]);
                    continue;
                case "}":
                    return $"has a '}}' at position {position} without its '{{' (write '}}}}' for a brace)";
                case "{":
                    return $"has a '{{' at position {position} that is never closed";
                case var text when text[0] != '{':
                    literal.Append(text);
                    continue;
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, literal.ToString()));
                literal.Clear();
            }

            if (ParsePlaceholder(token.Value[1..^1], subject, out var part) is { } error)
                return error;

            parts.Add(part!);
        }

        if (literal.Length > 0)
            parts.Add(new Part(PartKind.Literal, literal.ToString()));

        var noun = subject == GroupNameSubject.Project ? "project" : "event";
        return parts.Any(p => p.Kind != PartKind.Literal) ? null : $"has no placeholder, so every {noun} would get the same group name";
    }

    private static string? ParsePlaceholder(string body, GroupNameSubject subject, out Part? part)
    {
        part = null;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? body : body[..colon]).Trim();
        var format = colon < 0 ? null : body[(colon + 1)..];
        var kind = Placeholders.TryGetValue(name.ToLowerInvariant(), out var known) ? known : (PartKind?)null;
        if (kind is null)
        {
            return subject == GroupNameSubject.Project
                ? $"has an unknown placeholder '{{{body}}}' (known when GroupBy is project: {{id}}, {{project}})"
                : $"has an unknown placeholder '{{{body}}}' (known: {{id}}, {{name}}, {{start:<format>}}, {{end:<format>}}, {{project}})";
        }

        // A project group stands for many events: whose name or date would it carry?
        if (subject == GroupNameSubject.Project && kind is PartKind.Name or PartKind.Start or PartKind.End)
            return $"has the placeholder '{{{body}}}', which names one event: when GroupBy is project only {{id}} (the project's) and {{project}} are known";

        if (kind is PartKind.Start or PartKind.End)
        {
            format = string.IsNullOrEmpty(format) ? DefaultDateFormat : format;
            try
            {
                _ = new DateTime(2026, 12, 31, 23, 59, 58, DateTimeKind.Unspecified).ToString(format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                return $"placeholder '{{{body}}}' has an invalid date format '{format}'";
            }
        }
        else if (format is not null)
            return $"placeholder '{{{body}}}' takes no format";

        part = new Part(kind.Value, format ?? string.Empty);
        return null;
    }

    // An escaped brace, a placeholder (up to the first closing brace), a brace without its partner, or literal text.
    [GeneratedRegex(@"\{\{|\}\}|\{[^}]*\}|\{|\}|[^{}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();

    private enum PartKind { Literal, Id, Name, Start, End, Project }

    private sealed record Part(PartKind Kind, string Value);
}

/// <summary>What a <see cref="GroupNameTemplate"/> names; <see cref="GroupModeText.Subject"/> maps the tenant's <c>GroupBy</c> onto it.</summary>
public enum GroupNameSubject { Event, Project }

/// <summary>The tenant setting <c>GroupBy</c> (sync-rules.md, "event group"): what one sync-owned group stands for.</summary>
public enum GroupMode { Event, Project }

public static class GroupModeText
{
    public static GroupNameSubject Subject(this GroupMode mode) => mode == GroupMode.Project ? GroupNameSubject.Project : GroupNameSubject.Event;

    public static string Format(GroupMode mode) => mode == GroupMode.Project ? "project" : "event";

    public static bool TryParse(string? text, out GroupMode mode)
    {
        var upper = text?.Trim().ToUpperInvariant();
        mode = upper == "PROJECT" ? GroupMode.Project : GroupMode.Event;
        return upper is "EVENT" or "PROJECT";
    }
}
