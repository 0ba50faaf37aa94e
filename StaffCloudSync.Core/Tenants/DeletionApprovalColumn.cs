using Azure.Data.Tables;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// The header of the approval of held deletions as one column of its tenant's row, a small JSON document a person can
/// read in the portal: <c>{"id":"…","runId":"…","grantedAt":"…","grantedBy":"…","expiresAt":"…","persons":5000,
/// "personsBlob":"acme/approvals/…/….json"}</c>. The persons themselves are in that blob (<see cref="DeletionApprovalBlobs"/>):
/// a string column holds 32 K characters, a mass deletion tens of thousands of ids. The row stays the one source of
/// truth: it names the blob, and only a write of the row on its ETag makes another blob the approval's.
/// </summary>
internal static class DeletionApprovalColumn
{
    public const string Name = "DeletionApproval";

    /// <summary>Writes the approval's header naming <paramref name="personsBlob"/> onto a row read whole, or removes it when the approval is null.</summary>
    public static void Set(TableEntity entity, DeletionApproval? approval, string? personsBlob)
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

        entity[Name] = JsonSerializer.Serialize(
            new Header(approval.Id, approval.ApprovedRunId, approval.GrantedAt, approval.GrantedBy, approval.ExpiresAt, approval.Employees.Count, personsBlob),
            DeletionApprovalJsonContext.Default.Header);
    }

    /// <summary>
    /// The header on a row, or null: none written, written by hand into something unreadable or without an id, or a row
    /// of the earlier column layout (it lapses, see docs/decisions.md). None lets nothing through.
    /// </summary>
    public static Header? Read(TableEntity entity)
    {
        if (entity.GetString(Name) is not { Length: > 0 } json)
        {
            return null;
        }

        Header? header;
        try
        {
            header = JsonSerializer.Deserialize(json, DeletionApprovalJsonContext.Default.Header);
        }
        catch (JsonException)
        {
            return null;
        }

        return header is null || string.IsNullOrWhiteSpace(header.Id) ? null : header;
    }

    /// <summary>The approval's header as the row holds it; <see cref="PersonsBlob"/> names the blob of its employee ids.</summary>
    internal sealed record Header(
        string Id, string? RunId, DateTimeOffset GrantedAt, string? GrantedBy, DateTimeOffset? ExpiresAt, int Persons, string? PersonsBlob)
    {
        /// <summary>The approval with these persons (read from <see cref="PersonsBlob"/>).</summary>
        public DeletionApproval ToApproval(IReadOnlySet<long> employees) =>
            new(Id, RunId ?? string.Empty, employees, GrantedAt, string.IsNullOrEmpty(GrantedBy) ? null : GrantedBy, ExpiresAt ?? GrantedAt);
    }
}

/// <summary>The persons of one revision of an approval, as its blob holds them; tenant and id say whose they are.</summary>
internal sealed record DeletionApprovalPersons(string Tenant, string ApprovalId, long[] Employees);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeletionApprovalColumn.Header))]
[JsonSerializable(typeof(DeletionApprovalPersons))]
internal sealed partial class DeletionApprovalJsonContext : JsonSerializerContext;
