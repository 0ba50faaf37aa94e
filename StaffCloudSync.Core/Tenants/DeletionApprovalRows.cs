using Azure.Data.Tables;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// The deletion approval of a tenant: its header is a column of the row (<see cref="DeletionApprovalColumn"/>), its
/// persons a blob the header names (<see cref="DeletionApprovalBlobs"/>). Every change of the person set writes a new
/// blob first and then the row on its ETag, so the row alone decides which approval, and which of its revisions, is in
/// force: a writer that loses the race leaves only a blob no row names, which it deletes. The blob a row no longer
/// names is deleted after the write, best-effort.
/// </summary>
internal sealed class DeletionApprovalRows(TenantStore store, DeletionApprovalBlobs approvals, ILogger logger)
{
    /// <summary>Stores an approval of held deletions, replacing any earlier one as a whole (the run room's <c>Runs/DeletionApprovals</c> makes it).</summary>
    public async Task SetAsync(string tenantId, DeletionApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (await store.ReadEntityAsync(tenantId, cancellationToken) is null)
        {
            throw TenantStore.NotFound(tenantId, null);
        }

        var blob = await approvals.WriteAsync(tenantId, approval, cancellationToken);
        string? replaced = null;
        bool written;
        try
        {
            written = await store.ChangeRowAsync(tenantId, entity =>
            {
                replaced = DeletionApprovalColumn.Read(entity)?.PersonsBlob;
                DeletionApprovalColumn.Set(entity, approval, blob);
                return true;
            }, cancellationToken);
        }
        catch (TenantConflictException)
        {
            await approvals.DeleteAsync(tenantId, [blob]);
            throw;
        }

        if (!written)
        {
            // The tenant was removed in between.
            await approvals.DeleteAsync(tenantId, [blob]);
            throw TenantStore.NotFound(tenantId, null);
        }

        await approvals.DeleteAsync(tenantId, [replaced == blob ? null : replaced]);
        TenantsLog.DeletionsAllowed(logger, tenantId, approval.Id, approval.Employees.Count, approval.ExpiresAt);
    }

    /// <summary>
    /// Changes the approval with this id if it is still the tenant's (null from <paramref name="change"/> removes it), on the
    /// row's ETag so a newer approval granted meanwhile is never touched; returns the approval now on the row.
    /// </summary>
    public async Task<DeletionApproval?> UpdateAsync(
        string tenantId, string approvalId, Func<DeletionApproval, DeletionApproval?> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(approvalId);
        ArgumentNullException.ThrowIfNull(change);
        DeletionApproval? after = null;
        string? before = null;
        string? kept = null;
        var written = new List<string>();
        bool changed;
        try
        {
            changed = await store.ChangeRowAsync(tenantId, async (entity, token) =>
            {
                var current = await ReadApprovalAsync(entity, token);
                after = current.Approval;
                if (current.ReadAgain || after is null || after.Id != approvalId)
                {
                    // Granted anew (or cleared) since the run read it: that approval is not the run's to change.
                    return current.ReadAgain ? TenantStore.RowChange.ReadAgain : TenantStore.RowChange.Leave;
                }

                var previous = after;
                after = change(previous);
                before = current.Header!.PersonsBlob;
                kept = after is null ? null
                    : after.Employees.SetEquals(previous.Employees) ? before
                    : await WriteBlobAsync(tenantId, after, written, token);
                DeletionApprovalColumn.Set(entity, after, kept);
                return TenantStore.RowChange.Write;
            }, cancellationToken);
        }
        catch (Exception)
        {
            // Whether the last attempt's write reached the row is not known: its blob stays. Earlier attempts lost theirs.
            await approvals.DeleteAsync(tenantId, written.SkipLast(1));
            throw;
        }

        await approvals.DeleteAsync(tenantId, changed ? written.Where(n => n != kept).Append(before == kept ? null : before) : written);
        return after;
    }

    private async Task<string> WriteBlobAsync(string tenantId, DeletionApproval approval, List<string> written, CancellationToken cancellationToken)
    {
        var name = await approvals.WriteAsync(tenantId, approval, cancellationToken);
        written.Add(name);
        return name;
    }

    /// <summary>The row as a record, its approval with the persons from its blob.</summary>
    public async Task<TenantRecord> ToRecordAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await ReadApprovalAsync(entity, cancellationToken);
            if (!read.ReadAgain || attempt == TenantStore.MaxWriteAttempts
                || await store.ReadEntityAsync(entity.RowKey, cancellationToken) is not { } fresh)
            {
                return TenantEntityMapper.ToRecord(entity, read.Approval);
            }

            entity = fresh;
        }
    }

    /// <summary>
    /// The approval on a row, with its persons. When the blob the row names is gone, the row is read again: if it changed
    /// meanwhile (a newer revision, whose writer deleted this one), <see cref="RowApproval.ReadAgain"/>; if not, the
    /// persons are lost, which is logged, and the approval reads as none: it lets no deletion through.
    /// </summary>
    private async Task<RowApproval> ReadApprovalAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (DeletionApprovalColumn.Read(entity) is not { } header)
        {
            return new RowApproval(null, null, false);
        }

        var read = await approvals.ReadAsync(entity.RowKey, header, cancellationToken);
        if (!read.Missing)
        {
            return new RowApproval(header, read.Approval, false);
        }

        var fresh = await store.ReadEntityAsync(entity.RowKey, cancellationToken);
        if (fresh is not null && fresh.ETag != entity.ETag)
        {
            return new RowApproval(header, null, true);
        }

        TenantsLog.ApprovalPersonsMissing(logger, entity.RowKey, header.Id, header.PersonsBlob!);
        return new RowApproval(header, null, false);
    }

    private readonly record struct RowApproval(DeletionApprovalColumn.Header? Header, DeletionApproval? Approval, bool ReadAgain);
}
