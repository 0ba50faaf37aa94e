using System.Xml;

namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant row's durations as an operator types them: <c>00:05:00</c>, <c>PT5M</c>, <c>5 min</c>, <c>90s</c>, <c>2h</c>, or a
/// bare number of minutes (the spec states both defaults in minutes). Written back as <c>hh:mm:ss</c>.</summary>
public static partial class DurationText
{
    public const string Example = "00:05:00, PT5M, 5min or 5 (minutes)";

    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>A text or a number (minutes); false for anything else, also out of TimeSpan's range.</summary>
    public static bool TryParse(object? value, out TimeSpan duration)
    {
        duration = default;
        return value switch
        {
            int or long or double => TryMinutes(Convert.ToDouble(value, CultureInfo.InvariantCulture), out duration),
            string text => TryParseText(text.Trim(), out duration),
            _ => false,
        };
    }

    private static bool TryParseText(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length is 0 or > 40)
            return false;

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes))
            return TryMinutes(minutes, out duration);

        if (text.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration);

        if (text.StartsWith('P'))
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var unit = UnitPattern().Match(text);
        if (!unit.Success || !double.TryParse(unit.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return false;

        var seconds = unit.Groups["u"].Value.ToUpperInvariant() switch
        {
            "S" or "SEC" or "SECS" or "SECOND" or "SECONDS" => amount,
            "M" or "MIN" or "MINS" or "MINUTE" or "MINUTES" => amount * 60,
            _ => amount * 3600,
        };
        return TryMinutes(seconds / 60, out duration);
    }

    private static bool TryMinutes(double minutes, out TimeSpan duration)
    {
        var fits = double.IsFinite(minutes) && Math.Abs(minutes) <= TimeSpan.MaxValue.TotalMinutes / 2;
        duration = fits ? TimeSpan.FromSeconds(Math.Round(minutes * 60)) : default;
        return fits;
    }

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*(?<u>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnitPattern();
}
