using Azure.Data.Tables;
using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Tenants;

/// <summary>Reads one hand-editable row leniently: the portal stores what the operator typed, so a bool may arrive as the
/// string "true" and an int as a string or an Int64. A missing or blank value takes the caller's default; a value
/// that cannot be read is recorded in <see cref="Errors"/> (naming the tenant and the field) instead of throwing.</summary>
internal sealed class TenantRowReader(TableEntity entity, string tenantId)
{
    private readonly List<TenantSettingError> _errors = [];

    public IReadOnlyList<TenantSettingError> Errors => _errors;

    public string? ReadString(string field)
    {
        var value = Raw(field);
        var text = value switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Fail<string?>(field, $"holds {Describe(value)}, not text", null),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public bool ReadBool(string field, bool fallback) => Raw(field) switch
    {
        null => fallback,
        bool b => b,
        int i and (0 or 1) => i == 1,
        long l and (0 or 1) => l == 1,
        string s when string.IsNullOrWhiteSpace(s) => fallback,
        string s => s.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => Fail(field, $"'{s}' is not true or false", fallback),
        },
        var other => Fail(field, $"{Describe(other)} is not true or false", fallback),
    };

    public int ReadInt(string field, int fallback) => Raw(field) switch
    {
        null => fallback,
        int i => i,
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        double d when Math.Floor(d) == d && d is >= int.MinValue and <= int.MaxValue => (int)d,
        string s when string.IsNullOrWhiteSpace(s) => fallback,
        string s when int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string s => Fail(field, $"'{s}' is not a whole number", fallback),
        var other => Fail(field, $"{Describe(other)} is not a whole number in range", fallback),
    };

    public TimeSpan ReadDuration(string field, TimeSpan fallback) => Raw(field) switch
    {
        null => fallback,
        string s when string.IsNullOrWhiteSpace(s) => fallback,
        var value when DurationText.TryParse(value, out var duration) => duration,
        string s => Fail(field, $"'{s}' is not a duration such as {DurationText.Example}", fallback),
        var other => Fail(field, $"{Describe(other)} is not a duration such as {DurationText.Example}", fallback),
    };

    public GroupMode ReadGroupMode(string field) => ReadString(field) switch
    {
        null => GroupMode.Event,
        var text when GroupModeText.TryParse(text, out var mode) => mode,
        var text => Fail(field, $"'{text}' is not event or project", GroupMode.Event),
    };

    private object? Raw(string field) => entity.TryGetValue(field, out var value) ? value : null;

    // The default stands in for an unreadable value so that the validator does not report the field a second time.
    private T Fail<T>(string field, string message, T fallback)
    {
        _errors.Add(new TenantSettingError(tenantId, field, message));
        return fallback;
    }

    private static string Describe(object value) => value switch
    {
        byte[] or BinaryData => "binary data",
        IFormattable f => $"{value.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
        _ => value.GetType().Name,
    };
}
