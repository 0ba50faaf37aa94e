using System.Globalization;
using Azure.Data.Tables;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// The approval of held deletions as columns of its tenant's row. The approved employee ids are sorted and stored as
/// delta-encoded varints in binary columns of at most 64 KiB each (the largest property Table storage takes): a mass
/// deactivation — what the guard exists for — can hold thousands of people, more than one text column could list.
/// </summary>
internal static class DeletionApprovalColumns
{
    public const string Id = "DeletionApprovalId";
    public const string GrantedAt = "DeletionApprovalGrantedAt";
    public const string GrantedBy = "DeletionApprovalGrantedBy";
    public const string RunId = "DeletionApprovalRunId";
    public const string ExpiresAt = "DeletionApprovalExpiresAt";
    public const string EmployeeChunks = "DeletionApprovalEmployeeChunks";
    public const string EmployeeChunkPrefix = "DeletionApprovalEmployees";

    private const int ChunkBytes = 64 * 1024;

    // Eight chunks hold at least 50,000 ids (10 bytes each at worst), and keep the row far below its 1 MiB.
    private const int MaxChunks = 8;

    /// <summary>Writes the approval onto a row read whole, or removes every approval column when it is null.</summary>
    public static void Set(TableEntity entity, DeletionApproval? approval)
    {
        var oldChunks = entity.TryGetValue(EmployeeChunks, out var count) && count is int n ? n : 0;
        foreach (var column in new[] { Id, GrantedAt, GrantedBy, RunId, ExpiresAt, EmployeeChunks })
        {
            entity.Remove(column);
        }

        for (var i = 0; i < Math.Max(oldChunks, MaxChunks); i++)
        {
            entity.Remove(Chunk(i));
        }

        if (approval is null)
        {
            return;
        }

        var chunks = Encode(approval.Employees).Chunk(ChunkBytes).ToList();
        if (chunks.Count > MaxChunks)
        {
            throw new TenantValidationException(
                $"tenant '{entity.RowKey}': an approval of {approval.Employees.Count} persons does not fit the tenant's row; approve after checking StaffCloud, in smaller steps");
        }

        entity[Id] = approval.Id;
        entity[GrantedAt] = approval.GrantedAt;
        entity[GrantedBy] = approval.GrantedBy ?? string.Empty;
        entity[RunId] = approval.ApprovedRunId;
        entity[ExpiresAt] = approval.ExpiresAt;
        entity[EmployeeChunks] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[Chunk(i)] = chunks[i];
        }
    }

    /// <summary>
    /// The approval on a row, or null. One written by hand without the employee columns (the earlier "allow the next
    /// run" form) covers nobody and lapses at once: an approval must name whom it lets go.
    /// </summary>
    public static DeletionApproval? Read(TableEntity entity)
    {
        var id = entity.GetString(Id);
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var grantedAt = entity.GetDateTimeOffset(GrantedAt) ?? DateTimeOffset.MinValue;
        var grantedBy = entity.GetString(GrantedBy);
        return new DeletionApproval(
            id,
            entity.GetString(RunId) ?? string.Empty,
            ReadEmployees(entity),
            grantedAt,
            string.IsNullOrEmpty(grantedBy) ? null : grantedBy,
            entity.GetDateTimeOffset(ExpiresAt) ?? grantedAt);
    }

    private static HashSet<long> ReadEmployees(TableEntity entity)
    {
        var count = entity.TryGetValue(EmployeeChunks, out var value) && value is int n ? n : 0;
        var bytes = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            bytes.AddRange(entity.GetBinary(Chunk(i)) ?? []);
        }

        var ids = new HashSet<long>();
        long previous = 0;
        ulong current = 0;
        var shift = 0;
        foreach (var b in bytes)
        {
            current |= (ulong)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) != 0 && shift < 64)
            {
                continue;
            }

            previous += (long)current;
            ids.Add(previous);
            current = 0;
            shift = 0;
        }

        return ids;
    }

    private static byte[] Encode(IReadOnlySet<long> employees)
    {
        var bytes = new List<byte>(employees.Count * 2);
        long previous = 0;
        foreach (var id in employees.Order())
        {
            var delta = (ulong)(id - previous);
            previous = id;
            do
            {
                var b = (byte)(delta & 0x7F);
                delta >>= 7;
                bytes.Add(delta == 0 ? b : (byte)(b | 0x80));
            }
            while (delta != 0);
        }

        return [.. bytes];
    }

    private static string Chunk(int index) => EmployeeChunkPrefix + index.ToString(CultureInfo.InvariantCulture);
}
