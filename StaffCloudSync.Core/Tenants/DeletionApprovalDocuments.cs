using Azure.Storage.Blobs.Models;
using StaffCloudSync.Core.Platform.Storage;

namespace StaffCloudSync.Core.Tenants;

/// <summary>A tenant's deletion approval as <c>approvals/{tenant}.json</c> in the documents container (docs/decisions.md).</summary>
internal sealed class DeletionApprovalDocuments(Ensured<BlobContainerClient> container, ILogger logger)
{
    private const string Prefix = "approvals/";
    private static readonly BlobHttpHeaders Json = new() { ContentType = "application/json" };

    public async Task SetAsync(string tenantId, DeletionApproval approval, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(tenantId, cancellationToken);
        await blob.UploadAsync(Serialize(approval), new BlobUploadOptions { HttpHeaders = Json }, cancellationToken);
        TenantsLog.DeletionsAllowed(logger, tenantId, approval.Id, approval.Employees.Count, approval.ExpiresAt);
    }

    /// <summary>Changes the approval with this id if it is still the tenant's, on the document's ETag, so one granted meanwhile is never
    /// touched (null from <paramref name="change"/> removes it); returns the approval now stored.</summary>
    public async Task<DeletionApproval?> UpdateAsync(
        string tenantId, string approvalId, Func<DeletionApproval, DeletionApproval?> change, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(tenantId, cancellationToken);
        return await TenantStore.RetryChangedAsync(tenantId, logger, async () =>
        {
            var (current, etag) = await ReadAsync(blob, tenantId, cancellationToken);
            // Granted anew (or cleared, or unreadable) since the run read it: that approval is not the run's to change.
            if (current is null || current.Id != approvalId)
                return current;

            var after = change(current);
            var conditions = new BlobRequestConditions { IfMatch = etag };
            if (after is null)
                await blob.DeleteAsync(conditions: conditions, cancellationToken: cancellationToken);
            else
                await blob.UploadAsync(Serialize(after), new BlobUploadOptions { HttpHeaders = Json, Conditions = conditions }, cancellationToken);
            return after;
        });
    }

    public async Task<DeletionApproval?> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        (await ReadAsync(await BlobAsync(tenantId, cancellationToken), tenantId, cancellationToken)).Approval;

    /// <summary>One listing, so listing the tenants reads only the documents that exist.</summary>
    public async Task<HashSet<string>> TenantsWithApprovalAsync(CancellationToken cancellationToken)
    {
        var client = await container.GetAsync(cancellationToken);
        return await client.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken)
            .Select(b => b.Name[Prefix.Length..^".json".Length]).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
    }

    private async Task<BlobClient> BlobAsync(string tenantId, CancellationToken cancellationToken) =>
        (await container.GetAsync(cancellationToken)).GetBlobClient($"{Prefix}{tenantId}.json");

    private static BinaryData Serialize(DeletionApproval a) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(
        new ApprovalDocument(a.Id, a.ApprovedRunId, a.GrantedAt, a.GrantedBy, a.ExpiresAt, [.. a.Employees.Order()]),
        DeletionApprovalJsonContext.Default.ApprovalDocument));

    /// <summary>None when there is no document or an unreadable one (logged): an approval whose persons are not known lets no one through.</summary>
    private async Task<(DeletionApproval? Approval, ETag ETag)> ReadAsync(BlobClient blob, string tenantId, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, default);
        }

        if (Deserialize(download.Content) is not { } document || string.IsNullOrWhiteSpace(document.Id))
        {
            TenantsLog.ApprovalUnreadable(logger, tenantId, blob.Name);
            return (null, download.Details.ETag);
        }

        var approval = new DeletionApproval(document.Id, document.RunId ?? string.Empty, (document.Employees ?? []).ToHashSet(), document.GrantedAt,
            string.IsNullOrEmpty(document.GrantedBy) ? null : document.GrantedBy, document.ExpiresAt ?? document.GrantedAt);
        return (approval, download.Details.ETag);
    }

    private static ApprovalDocument? Deserialize(BinaryData content)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, DeletionApprovalJsonContext.Default.ApprovalDocument);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record ApprovalDocument(
    string Id, string? RunId, DateTimeOffset GrantedAt, string? GrantedBy, DateTimeOffset? ExpiresAt, long[]? Employees);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApprovalDocument))]
internal sealed partial class DeletionApprovalJsonContext : JsonSerializerContext;
