using Azure.Data.Tables;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Storage;

/// <summary>The approval of held deletions, one JSON document per tenant: stored whole, changed only by its own id, on its ETag.</summary>
public sealed class TenantApprovalStoreTests
{
    private StorageHarness context = null!;

    private TenantStore Store => context.Tenants;

    [SetUp]
    public async Task StartStorage()
    {
        context = await StorageHarness.CreateAsync();
        await Store.AddAsync(new TenantSettings { TenantId = "acme", StaffCloudApiTenant = "acme", MobieTrainAccountId = "acme" }, CancellationToken.None);
    }

    [TearDown]
    public async Task DropTables() => await context.DisposeAsync();

    [Test]
    public async Task Approval_RoundTripsWithEveryFieldAndManyPersons()
    {
        // Ids far apart and close together, up to 18 digits: thousands fit the one JSON column.
        var ids = Enumerable.Range(1, 3_000).Select(i => (long)i * 7919).Append(999_999_999_999_999_999).Append(1).ToHashSet();
        var approval = Approval("a1", ids, "ops@example.com");

        await Store.SetDeletionApprovalAsync("acme", approval, CancellationToken.None);
        var stored = (await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval;

        Assert.That(stored, Is.EqualTo(approval));
        Assert.That(stored!.Employees, Is.EquivalentTo(ids));
    }

    [Test]
    public async Task ApprovalOfThirtyThousandPersons_RoundTripsAndSettles()
    {
        // A mass deactivation: far more ids than a 32 K-character column holds.
        var ids = Enumerable.Range(1, 30_000).Select(i => (long)i * 100_003).ToHashSet();
        var approval = Approval("big", ids, "ops@example.com");

        await Store.SetDeletionApprovalAsync("acme", approval, CancellationToken.None);
        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(approval));

        // A run deletes all but ten of them.
        var left = ids.Take(10).ToHashSet();
        var after = await Store.UpdateDeletionApprovalAsync("acme", "big", a => a with { Employees = left }, CancellationToken.None);
        Assert.That(after, Is.EqualTo(approval with { Employees = left }));
        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(approval with { Employees = left }));
        Assert.That(await ApprovalBlobsAsync(), Has.Count.EqualTo(1));

        // The next one deletes the last ten: used up, nothing of it is left.
        Assert.That(await Store.UpdateDeletionApprovalAsync("acme", "big", _ => null, CancellationToken.None), Is.Null);
        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null);
        Assert.That(await ApprovalBlobsAsync(), Is.Empty);
    }

    [Test]
    public async Task UnreadableDocument_ReadsAsNone_Logged_AndLetsNothingThrough()
    {
        await Store.SetDeletionApprovalAsync("acme", Approval("a1", [1, 2]), CancellationToken.None);
        var blob = context.Tables.Documents.Client.GetBlobClient((await ApprovalBlobsAsync()).Single());

        foreach (var content in new[] { "{\"runId\":\"run-a1\",\"employees\":[1,2]}", "[1,2]", "not json" })
        {
            await blob.UploadAsync(BinaryData.FromString(content), overwrite: true);

            Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null, content);
            Assert.That(await Store.UpdateDeletionApprovalAsync("acme", "a1", a => a with { Employees = new HashSet<long> { 1 } }, CancellationToken.None), Is.Null,
                "a run cannot change what it cannot read");
        }

        Assert.That(context.Logs.GetSnapshot().Where(l => l.Id.Id == 2105).Select(l => l.Message).ToList(),
            Has.Count.EqualTo(6).And.All.Contains("acme").And.All.Contains("lets no deletion through"));
    }

    [Test]
    public async Task Approval_IsOneJsonDocument_Readable_AndTheRowKeepsNoneOfIt()
    {
        await Store.SetDeletionApprovalAsync("acme", Approval("a1", [7, 5], "ops@example.com"), CancellationToken.None);

        var blob = (await ApprovalBlobsAsync()).Single();
        var json = (await context.Tables.Documents.Client.GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToString();

        Assert.That(blob, Is.EqualTo("approvals/acme.json"));
        Assert.That(json, Does.StartWith("{\"id\":\"a1\",\"runId\":\"run-a1\",").And.Contain("\"grantedBy\":\"ops@example.com\"")
            .And.EndWith("\"employees\":[5,7]}"));
        Assert.That((await RawAsync()).Keys.Where(k => k.StartsWith("DeletionApproval", StringComparison.Ordinal)), Is.EquivalentTo(new[] { "DeletionApprovalHours" }));
    }

    [Test]
    public async Task SmallerApproval_ReplacesALargerOneWhole()
    {
        await Store.SetDeletionApprovalAsync("acme", Approval("big", Enumerable.Range(1, 3_000).Select(i => (long)i * 100_003).ToHashSet()), CancellationToken.None);
        var small = Approval("small", [5]);

        await Store.SetDeletionApprovalAsync("acme", small, CancellationToken.None);

        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(small));
        Assert.That(await ApprovalBlobsAsync(), Has.Count.EqualTo(1), "one document per tenant");
    }

    [Test]
    public async Task Update_TakesPersonsOut_AndRemovesTheApprovalWhenNoneIsLeft()
    {
        var approval = Approval("a1", [1, 2, 3]);
        await Store.SetDeletionApprovalAsync("acme", approval, CancellationToken.None);

        var after = await Store.UpdateDeletionApprovalAsync("acme", "a1", a => a with { Employees = new HashSet<long> { 3 } }, CancellationToken.None);
        Assert.That(after!.Employees, Is.EquivalentTo(new long[] { 3 }));
        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(approval with { Employees = new HashSet<long> { 3 } }));

        var gone = await Store.UpdateDeletionApprovalAsync("acme", "a1", _ => null, CancellationToken.None);
        Assert.That(gone, Is.Null);
        var record = await Store.GetAsync("acme", CancellationToken.None);
        Assert.That(record!.DeletionApproval, Is.Null);
        Assert.That(record.Settings!.MobieTrainAccountId, Is.EqualTo("acme"), "the settings are left alone");
        Assert.That((await RawAsync()).Keys.Where(k => k.StartsWith("DeletionApproval", StringComparison.Ordinal) && k != "DeletionApprovalHours"), Is.Empty);
    }

    [Test]
    public async Task OldApprovalId_NeverChangesANewerApproval()
    {
        await Store.SetDeletionApprovalAsync("acme", Approval("old", [1]), CancellationToken.None);
        var newer = Approval("new", [1, 2]);
        await Store.SetDeletionApprovalAsync("acme", newer, CancellationToken.None);

        var seen = await Store.UpdateDeletionApprovalAsync("acme", "old", _ => null, CancellationToken.None);

        Assert.That(seen, Is.EqualTo(newer));
        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(newer));
    }

    [Test]
    public async Task GrantRacingARunThatUsesTheOldApproval_IsNeverLost()
    {
        for (var round = 0; round < 20; round++)
        {
            await Store.SetDeletionApprovalAsync("acme", Approval($"old{round}", [1, 2]), CancellationToken.None);
            var newer = Approval($"new{round}", [3]);
            var use = Task.Run(() => Store.UpdateDeletionApprovalAsync("acme", $"old{round}", _ => null, CancellationToken.None));
            var grant = Task.Run(() => Store.SetDeletionApprovalAsync("acme", newer, CancellationToken.None));
            await Task.WhenAll(use, grant);

            Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.EqualTo(newer), $"round {round}");
            Assert.That(await ApprovalBlobsAsync(), Has.Count.EqualTo(1), $"round {round}: the loser's blob and the replaced one are gone");
        }
    }

    [Test]
    public async Task ApprovalWrittenByHandWithoutPersons_CoversNoOne()
    {
        var container = await context.Tables.Documents.GetAsync(CancellationToken.None);
        await container.UploadBlobAsync("approvals/acme.json", BinaryData.FromString("{\"id\":\"by-hand\",\"grantedAt\":\"2025-03-14T09:00:00Z\"}"));

        var approval = (await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval;

        Assert.That(approval!.Id, Is.EqualTo("by-hand"));
        Assert.That(approval.Employees, Is.Empty);
        Assert.That(approval.IsInForceAt(context.Time.GetUtcNow()), Is.False);
    }

    [Test]
    public async Task ApprovalInAnEarlierRowLayout_Lapses()
    {
        var table = await context.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.UpdateEntityAsync(new TableEntity("tenant", "acme")
        {
            ["DeletionApproval"] = "{\"id\":\"header\",\"grantedAt\":\"2025-03-14T09:00:00Z\",\"persons\":1,\"personsBlob\":\"acme/approvals/header/1.json\"}",
            ["DeletionApprovalId"] = "old", ["DeletionApprovalEmployeeChunks"] = 1, ["DeletionApprovalEmployees0"] = new byte[] { 5 },
        }, Azure.ETag.All, TableUpdateMode.Merge);

        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval, Is.Null);
        await Store.SetDeletionApprovalAsync("acme", Approval("new", [5]), CancellationToken.None);
        Assert.That((await Store.GetAsync("acme", CancellationToken.None))!.DeletionApproval!.Id, Is.EqualTo("new"));
    }

    [Test]
    public async Task Set_NeedsAnExistingTenant_AndUpdateOfAnUnknownOneIsNull()
    {
        var ex = Assert.ThrowsAsync<TenantConflictException>(() => Store.SetDeletionApprovalAsync("nobody", Approval("a", [1]), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("'nobody'"));
        Assert.That(await Store.UpdateDeletionApprovalAsync("nobody", "a", _ => null, CancellationToken.None), Is.Null);
    }

    private DeletionApproval Approval(string id, HashSet<long> employees, string? grantedBy = null) =>
        new(id, "run-" + id, employees, context.Time.GetUtcNow(), grantedBy, context.Time.GetUtcNow().AddHours(24));

    private async Task<List<string>> ApprovalBlobsAsync()
    {
        var container = await context.Tables.Documents.GetAsync(CancellationToken.None);
        return await container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "approvals/", CancellationToken.None).Select(b => b.Name).ToListAsync();
    }

    private async Task<TableEntity> RawAsync()
    {
        var table = await context.Tables.Tenants.GetAsync(CancellationToken.None);
        return (await table.GetEntityAsync<TableEntity>("tenant", "acme")).Value;
    }
}
