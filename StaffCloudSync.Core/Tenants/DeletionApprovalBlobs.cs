using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Tenants;

/// <summary>
/// The persons of deletion approvals, one JSON blob per revision of an approval's person set in the <c>run-details</c>
/// container: <c>{tenant}/approvals/{approval id}/{revision}.json</c>. A blob is written once under a name no other
/// write uses and never changed, so a writer that loses the race for the row can never change what the winner's row
/// names; only the row (<see cref="DeletionApprovalColumn"/>) says which blob is the approval's.
/// </summary>
internal sealed class DeletionApprovalBlobs(Ensured<BlobContainerClient> container, TimeProvider time, ILogger logger)
{
    /// <summary>Writes the approval's persons to a new blob and returns its name.</summary>
    public async Task<string> WriteAsync(string tenantId, DeletionApproval approval, CancellationToken cancellationToken)
    {
        // Version 7: unique, and ordered by time, so the revisions of one approval list in the order they were written.
        var revision = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var name = $"{tenantId}/approvals/{Uri.EscapeDataString(approval.Id)}/{revision}.json";
        var persons = new DeletionApprovalPersons(tenantId, approval.Id, [.. approval.Employees.Order()]);
        var client = await container.GetAsync(cancellationToken);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(persons, DeletionApprovalJsonContext.Default.DeletionApprovalPersons));
        await client.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);
        return name;
    }

    /// <summary>
    /// The approval a row's header describes, with its persons read from the blob it names; none when that blob is gone
    /// (<see cref="PersonsRead.Missing"/>: the caller tells a lost blob from a replaced one) or does not hold this
    /// approval's persons (logged): an approval whose persons are not known lets no one through, never everyone. A
    /// header that names no blob (written by hand) covers no one. Other storage failures throw.
    /// </summary>
    public async Task<PersonsRead> ReadAsync(string tenantId, DeletionApprovalColumn.Header header, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(header.PersonsBlob))
        {
            return new PersonsRead(header.ToApproval(new HashSet<long>()), false);
        }

        var client = await container.GetAsync(cancellationToken);
        BinaryData content;
        try
        {
            content = (await client.GetBlobClient(header.PersonsBlob).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new PersonsRead(null, true);
        }

        DeletionApprovalPersons? persons;
        try
        {
            persons = JsonSerializer.Deserialize(content.ToMemory().Span, DeletionApprovalJsonContext.Default.DeletionApprovalPersons);
        }
        catch (JsonException)
        {
            persons = null;
        }

        var employees = persons?.Employees?.ToHashSet();
        if (persons is null || employees is null || persons.Tenant != tenantId || persons.ApprovalId != header.Id || employees.Count != header.Persons)
        {
            TenantsLog.ApprovalPersonsUnreadable(logger, tenantId, header.Id, header.PersonsBlob, header.Persons);
            return new PersonsRead(null, false);
        }

        return new PersonsRead(header.ToApproval(employees), false);
    }

    /// <summary>The approval with its persons, or none; <see cref="Missing"/> when the blob the header names is not there.</summary>
    public readonly record struct PersonsRead(DeletionApproval? Approval, bool Missing);

    /// <summary>
    /// Deletes blobs no row names any more, best-effort: one left behind holds ids of an approval that is no longer in
    /// force and is never read again (the row names another, or none).
    /// </summary>
    public async Task DeleteAsync(string tenantId, IEnumerable<string?> names)
    {
        foreach (var name in names.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var client = await container.GetAsync(CancellationToken.None);
                await client.GetBlobClient(name).DeleteIfExistsAsync();
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException or TimeoutException)
            {
                // The row is written already: a blob left behind costs a few KB, and the next approval's clean-up does not need it.
                TenantsLog.ApprovalPersonsNotDeleted(logger, tenantId, name, ex.Message);
            }
        }
    }
}
