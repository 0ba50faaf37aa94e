using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// The approval of held deletions as one column of its tenant's row: a small JSON document a person can read in the
/// portal, e.g. <c>{"id":"…","runId":"…","grantedAt":"…","grantedBy":"…","expiresAt":"…","employees":[101,102]}</c>.
/// </summary>
internal static class DeletionApprovalColumn
{
    public const string Name = "DeletionApproval";

    // Table storage takes a string property of up to 64 KiB of UTF-16: some 4,000 employee ids of 7 digits.
    private const int MaxChars = 32_000;

    /// <summary>Writes the approval onto a row read whole, or removes it when it is null.</summary>
    public static void Set(TableEntity entity, DeletionApproval? approval)
    {
        // The columns of the earlier layout (DeletionApprovalId, …Employees0 …) go with any change of the approval.
        foreach (var legacy in entity.Keys.Where(k => k.StartsWith(Name, StringComparison.Ordinal) && k != "DeletionApprovalHours").ToList())
        {
            entity.Remove(legacy);
        }

        if (approval is null)
        {
            return;
        }

        var json = JsonSerializer.Serialize(
            new Stored(approval.Id, approval.ApprovedRunId, approval.GrantedAt, approval.GrantedBy, approval.ExpiresAt, [.. approval.Employees.Order()]),
            DeletionApprovalJsonContext.Default.Stored);
        if (json.Length > MaxChars)
        {
            throw new TenantValidationException(
                $"tenant '{entity.RowKey}': an approval of {approval.Employees.Count} persons does not fit the tenant's row; approve after checking StaffCloud, in smaller steps");
        }

        entity[Name] = json;
    }

    /// <summary>The approval on a row, or null (also for a row of the earlier column layout: it lapses, see docs/decisions.md).</summary>
    public static DeletionApproval? Read(TableEntity entity)
    {
        if (entity.GetString(Name) is not { Length: > 0 } json)
        {
            return null;
        }

        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, DeletionApprovalJsonContext.Default.Stored);
        }
        catch (JsonException)
        {
            // Edited by hand into something unreadable: no approval, which lets nothing through.
            return null;
        }

        return stored is null || string.IsNullOrWhiteSpace(stored.Id)
            ? null
            : new DeletionApproval(stored.Id, stored.RunId ?? string.Empty, (stored.Employees ?? []).ToHashSet(), stored.GrantedAt,
                string.IsNullOrEmpty(stored.GrantedBy) ? null : stored.GrantedBy, stored.ExpiresAt ?? stored.GrantedAt);
    }

    internal sealed record Stored(string Id, string? RunId, DateTimeOffset GrantedAt, string? GrantedBy, DateTimeOffset? ExpiresAt, long[]? Employees);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeletionApprovalColumn.Stored))]
internal sealed partial class DeletionApprovalJsonContext : JsonSerializerContext;
