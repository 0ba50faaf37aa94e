using StaffCloudSync.Core.Engine.Rules;

namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant's settings as one <c>Tenants</c> row: one property per setting under the spec's names, plus its health.
/// Rows are also written by hand in the portal, so reading is lenient.</summary>
internal static class TenantEntityMapper
{
    /// <summary>All tenants share one partition: the registry is small and is always listed whole.</summary>
    public const string PartitionKey = "tenant";

    /// <summary>The registry's own row (tenant ids cannot start with '_'): every add and account change updates it on its ETag, so
    /// two operators adding tenants at once cannot both pass the check that no two rows share an account.</summary>
    public const string RegistryRowKey = "_registry";
    private const string QuarantineLastAttemptAt = "QuarantineLastAttemptAt";

    // Onto a row read whole; a missing value removes its column.
    public static void SetHealth(TableEntity entity, TenantHealth health)
    {
        entity[nameof(TenantHealth.ConsecutiveFailures)] = health.ConsecutiveFailures;
        Set(entity, nameof(TenantHealth.QuarantinedAt), health.QuarantinedAt);
        Set(entity, nameof(TenantHealth.QuarantineReason), health.QuarantineReason is { } reason ? reason[..Math.Min(reason.Length, 8000)] : null);
        Set(entity, QuarantineLastAttemptAt, health.LastQuarantineAttemptAt);
        Set(entity, nameof(TenantHealth.LastRunSeconds), health.LastRunSeconds);
        Set(entity, nameof(TenantHealth.ChainRunSeconds), health.ChainRunSeconds);
    }

    private static void Set(TableEntity entity, string column, object? value)
    {
        if (value is null)
            entity.Remove(column);
        else
            entity[column] = value;
    }

    public static TenantHealth ReadHealth(TableEntity entity) => new(
        entity.TryGetValue(nameof(TenantHealth.ConsecutiveFailures), out var failures) && failures is int count ? count : 0,
        entity.GetDateTimeOffset(nameof(TenantHealth.QuarantinedAt)),
        entity.GetString(nameof(TenantHealth.QuarantineReason)),
        entity.GetDateTimeOffset(QuarantineLastAttemptAt))
    {
        LastRunSeconds = Seconds(entity, nameof(TenantHealth.LastRunSeconds)),
        ChainRunSeconds = Seconds(entity, nameof(TenantHealth.ChainRunSeconds)),
    };

    // A row from before the column (or a value typed by hand wrongly) is no history.
    private static double? Seconds(TableEntity entity, string column) =>
        entity.TryGetValue(column, out var value) ? value switch
        {
            double d when double.IsFinite(d) && d >= 0 => d,
            int i when i >= 0 => i,
            long l when l >= 0 => l,
            _ => null,
        } : null;

    // Every setting is the column of its name, read and written as its type says: a new setting needs no line here.
    public static TableEntity ToEntity(TenantSettings settings)
    {
        var entity = new TableEntity(PartitionKey, settings.TenantId);
        foreach (var column in TenantSettings.RowProperties)
        {
            entity[column.Name] = column.GetValue(settings) switch
            {
                // Written as "" rather than left out: a merge would otherwise keep an earlier value the operator removed.
                null => string.Empty,
                TimeSpan duration => DurationText.Format(duration),
                GroupMode mode => GroupModeText.Format(mode),
                var value => value,
            };
        }

        return entity;
    }

    /// <summary>Never throws. An unreadable value becomes an error and leaves <see cref="TenantRecord.Settings"/> null (a default in
    /// its place would misstate the row); the rest is then checked by <see cref="TenantSettingsValidator"/>.</summary>
    public static TenantRecord ToRecord(TableEntity entity, DeletionApproval? approval)
    {
        var tenantId = entity.RowKey;
        var row = new RowReader(entity, tenantId);
        var defaults = new TenantSettings { TenantId = tenantId, StaffCloudApiTenant = string.Empty, MobieTrainAccountId = string.Empty };
        var settings = defaults with { };
        foreach (var column in TenantSettings.RowProperties)
            column.SetValue(settings, row.Read(column.Name, column.PropertyType, column.GetValue(defaults)));

        List<TenantSettingError> errors = [.. row.Errors, .. TenantSettingsValidator.Validate(settings)];
        return new TenantRecord(tenantId, row.Errors.Count > 0 ? null : settings, errors, approval, entity.ETag) { Health = ReadHealth(entity) };
    }

    // The portal stores what the operator typed, so a bool may arrive as the string "true" and an int as a string or an
    // Int64. A missing or blank value takes the caller's default; an unreadable one is an error naming tenant and field.
    private sealed class RowReader(TableEntity entity, string tenantId)
    {
        public List<TenantSettingError> Errors { get; } = [];

        public object? Read(string field, Type type, object? fallback) =>
            type == typeof(bool) ? ReadBool(field, (bool)fallback!)
            : type == typeof(int) ? ReadInt(field, (int)fallback!)
            : type == typeof(TimeSpan) ? ReadDuration(field, (TimeSpan)fallback!)
            : type == typeof(GroupMode) ? ReadGroupMode(field)
            : ReadString(field) ?? fallback;

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
            Errors.Add(new TenantSettingError(tenantId, field, message));
            return fallback;
        }

        private static string Describe(object value) => value switch
        {
            byte[] or BinaryData => "binary data",
            IFormattable f => $"{value.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
            _ => value.GetType().Name,
        };
    }
}
