using System.Globalization;
using System.Text;
using StaffCloudSync.Core.StaffCloud;

namespace StaffCloudSync.Core.Rules;

/// <summary>
/// The tenant's <c>GroupNameTemplate</c>: literal text with the placeholders <c>{id}</c>, <c>{name}</c>,
/// <c>{start:&lt;format&gt;}</c> and <c>{end:&lt;format&gt;}</c> (.NET date formats, invariant culture, the event's
/// local time as StaffCloud gives it); <c>{{</c> and <c>}}</c> stand for braces. Parsed once, rendered per event.
/// </summary>
public sealed class GroupNameTemplate
{
    public const int MaxNameLength = 255;
    private const string DefaultDateFormat = "yyyy-MM-dd";

    private readonly IReadOnlyList<Part> _parts;

    private GroupNameTemplate(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public static GroupNameTemplate Parse(string template) =>
        TryParse(template, out var parsed, out var error) ? parsed! : throw new FormatException(error);

    public static bool TryParse(string? template, out GroupNameTemplate? parsed, out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(template))
        {
            error = "is empty";
            return false;
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}' )
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                error = $"has a '}}' at position {i + 1} without its '{{' (write '}}}}' for a brace)";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"has a '{{' at position {i + 1} that is never closed";
                return false;
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, literal.ToString()));
                literal.Clear();
            }

            if (!TryParsePlaceholder(template[(i + 1)..close], out var part, out error))
            {
                return false;
            }

            parts.Add(part!);
            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(PartKind.Literal, literal.ToString()));
        }

        if (!parts.Any(p => p.Kind is PartKind.Id or PartKind.Name or PartKind.Start or PartKind.End))
        {
            error = "has no placeholder, so every event would get the same group name";
            return false;
        }

        parsed = new GroupNameTemplate(template, parts);
        error = null;
        return true;
    }

    /// <summary>The group name of an event: trimmed, control characters dropped, at most 255 characters.</summary>
    public string Render(StaffCloudEvent staffCloudEvent)
    {
        ArgumentNullException.ThrowIfNull(staffCloudEvent);
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.Literal:
                    builder.Append(part.Value);
                    break;
                case PartKind.Id:
                    builder.Append(staffCloudEvent.Id.ToString(CultureInfo.InvariantCulture));
                    break;
                case PartKind.Name:
                    builder.Append(staffCloudEvent.Name);
                    break;
                case PartKind.Start:
                    builder.Append(staffCloudEvent.Start?.ToString(part.Value, CultureInfo.InvariantCulture));
                    break;
                case PartKind.End:
                    builder.Append((staffCloudEvent.End ?? staffCloudEvent.Start)?.ToString(part.Value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        var name = PersonName.Normalize(builder.ToString());
        return name is null ? ExternalId.ForEventGroup(staffCloudEvent.Id) : PersonName.Truncate(name, MaxNameLength);
    }

    private static bool TryParsePlaceholder(string body, out Part? part, out string? error)
    {
        part = null;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? body : body[..colon]).Trim();
        var format = colon < 0 ? null : body[(colon + 1)..];
        var kind = name.ToLowerInvariant() switch
        {
            "id" => PartKind.Id,
            "name" => PartKind.Name,
            "start" => PartKind.Start,
            "end" => PartKind.End,
            _ => (PartKind?)null,
        };
        if (kind is null)
        {
            error = $"has an unknown placeholder '{{{body}}}' (known: {{id}}, {{name}}, {{start:<format>}}, {{end:<format>}})";
            return false;
        }

        if (kind is PartKind.Id or PartKind.Name)
        {
            if (format is not null)
            {
                error = $"placeholder '{{{body}}}' takes no format";
                return false;
            }

            part = new Part(kind.Value, string.Empty);
            error = null;
            return true;
        }

        format = string.IsNullOrEmpty(format) ? DefaultDateFormat : format;
        try
        {
            _ = new DateTime(2026, 12, 31, 23, 59, 58, DateTimeKind.Unspecified).ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            error = $"placeholder '{{{body}}}' has an invalid date format '{format}'";
            return false;
        }

        part = new Part(kind.Value, format);
        error = null;
        return true;
    }

    private enum PartKind
    {
        Literal,
        Id,
        Name,
        Start,
        End,
    }

    private sealed record Part(PartKind Kind, string Value);
}
