using System.Security.Cryptography;
using Azure.Data.Tables;
using StaffCloudSync.Core.Engine.Planning;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Storage;

public sealed class TableRunStoreTests
{
    private StorageHarness context = null!;

    private RunStore Store => context.Runs;

    [OneTimeSetUp]
    public async Task StartStorage() => context = await StorageHarness.CreateAsync();

    [OneTimeTearDown]
    public async Task DropTables() => await context.DisposeAsync();

    [Test]
    public async Task RunRecord_RoundTripsWithEveryField()
    {
        var record = Run(NewTenantId(), context.Time.GetUtcNow()) with
        {
            Trigger = RunTrigger.Manual,
            DryRun = true,
            EndedAt = context.Time.GetUtcNow().AddSeconds(42.1234567),
            Status = RunStatus.DeletionsHeld,
            Reason = "12 deletions exceed the threshold of 10",
            Counts = new SyncCounts
            {
                Invited = 1, InvitationsUpdated = 2, InvitationsReplaced = 3, UsersUpdated = 4, UsersRemoved = 5,
                InvitationsRemoved = 6, InvitationsExpired = 7, GroupsCreated = 8, GroupsRenamed = 9, Skipped = 10,
                Failed = 11, DeletionsHeld = 12,
            },
            Skipped = [new SkippedRecord(17, SkipReason.NoContact), new SkippedRecord(18, SkipReason.DuplicateEmail)],
            HeldDeletions = [new HeldDeletion(19, PersonKind.Invitation, "inv-19"), new HeldDeletion(20, PersonKind.User, "usr-20")],
            Failures = [new RecordFailure(21, "UpdateUser", "usr-21", "422: phone rejected"), new RecordFailure(null, "CreateGroup", null, "500 after 3 retries")],
            Timings = new RunTimings(1234, 56, 7890),
            ChainId = "chain-first-run",
            Invocation = 3,
        };

        await Store.WriteAsync(record, CancellationToken.None);
        var read = await Store.GetAsync(record.TenantId, record.RunId, CancellationToken.None);

        AssertSameRun(read, record);
    }

    [Test]
    public async Task StartTime_KeepsItsFullPrecisionAndInstant()
    {
        var startedAt = new DateTimeOffset(2025, 3, 14, 10, 26, 53, TimeSpan.FromHours(1)).AddTicks(1234567);
        var record = Run(NewTenantId(), startedAt);

        await Store.WriteAsync(record, CancellationToken.None);
        var read = await Store.GetAsync(record.TenantId, record.RunId, CancellationToken.None);

        Assert.That(read!.StartedAt.UtcTicks, Is.EqualTo(startedAt.UtcTicks));
    }

    [Test]
    public async Task FinalWrite_ReplacesTheRunningOne()
    {
        var start = context.Time.GetUtcNow();
        var running = Run(NewTenantId(), start) with { Skipped = [new SkippedRecord(1, SkipReason.NoContact)] };
        await Store.WriteAsync(running, CancellationToken.None);

        var final = running with { Status = RunStatus.Succeeded, EndedAt = start.AddMinutes(2), Skipped = [], Counts = new SyncCounts { Invited = 3 } };
        await Store.WriteAsync(final, CancellationToken.None);

        var runs = await ListAsync(running.TenantId, 10);
        Assert.That(runs, Has.Count.EqualTo(1));
        AssertSameRun(runs[0], final);
        AssertSameRun(await Store.GetAsync(final.TenantId, final.RunId, CancellationToken.None), final);
    }

    [Test]
    public async Task RunWrittenAgainWithAnotherStart_LeavesOneRow()
    {
        var start = context.Time.GetUtcNow();
        var first = Run(NewTenantId(), start);
        await Store.WriteAsync(first, CancellationToken.None);

        var moved = first with { StartedAt = start.AddSeconds(1), Status = RunStatus.Succeeded };
        await Store.WriteAsync(moved, CancellationToken.None);

        var runs = await ListAsync(first.TenantId, 10);
        Assert.That(runs.Select(r => (r.RunId, r.StartedAt)), Is.EqualTo(new[] { (moved.RunId, moved.StartedAt) }));
    }

    [Test]
    public async Task RecentRuns_ComeNewestFirst_AndOnlyTheTenantsOwn()
    {
        var tenantId = NewTenantId();
        var now = context.Time.GetUtcNow();
        var middle = Run(tenantId, now);
        var newest = Run(tenantId, now.AddHours(12));
        var oldest = Run(tenantId, now.AddHours(-12));
        foreach (var run in new[] { middle, oldest, newest, Run(NewTenantId(), now.AddDays(1)) })
        {
            await Store.WriteAsync(run, CancellationToken.None);
        }

        var all = await ListAsync(tenantId, 10);
        var two = await ListAsync(tenantId, 2);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(r => r.RunId), Is.EqualTo(new[] { newest.RunId, middle.RunId, oldest.RunId }));
            Assert.That(two.Select(r => r.RunId), Is.EqualTo(new[] { newest.RunId, middle.RunId }));
        });
    }

    [Test]
    public async Task Listing_ReturnsTheListsToo()
    {
        var run = Run(NewTenantId(), context.Time.GetUtcNow()) with { HeldDeletions = [new HeldDeletion(5, PersonKind.User, "u5")] };
        await Store.WriteAsync(run, CancellationToken.None);

        var listed = await ListAsync(run.TenantId, 1);

        Assert.That(listed.Single().HeldDeletions, Is.EqualTo(run.HeldDeletions));
    }

    [Test]
    public async Task Run_IsFoundByItsIdAlone()
    {
        var tenantId = NewTenantId();
        var runs = Enumerable.Range(0, 4).Select(i => Run(tenantId, context.Time.GetUtcNow().AddMinutes(i))).ToList();
        foreach (var run in runs)
        {
            await Store.WriteAsync(run, CancellationToken.None);
        }

        var found = await Store.GetAsync(tenantId, runs[2].RunId, CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(found!.RunId, Is.EqualTo(runs[2].RunId));
            Assert.That(found.StartedAt, Is.EqualTo(runs[2].StartedAt));
            Assert.That(await Store.GetAsync(tenantId, Guid.NewGuid().ToString(), CancellationToken.None), Is.Null);
            Assert.That(await Store.GetAsync(NewTenantId(), runs[2].RunId, CancellationToken.None), Is.Null, "another tenant's id");
            Assert.That(await Store.GetAsync(tenantId, "bad/id", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task ThirtyThousandSkippedRecords_FitOneRunRecord()
    {
        var skipped = Enumerable.Range(0, 30_000)
            .Select(i => new SkippedRecord(1_000_000 + (i * 7L), (SkipReason)(i % 3)))
            .ToList();
        var run = Run(NewTenantId(), context.Time.GetUtcNow()) with
        {
            Counts = new SyncCounts { Skipped = skipped.Count },
            Skipped = skipped,
        };

        await Store.WriteAsync(run, CancellationToken.None);
        var read = await Store.GetAsync(run.TenantId, run.RunId, CancellationToken.None);
        var entity = await ReadRunEntityAsync(run.TenantId);

        Assert.Multiple(() =>
        {
            Assert.That(read!.Skipped, Is.EqualTo(skipped));
            Assert.That(entity.GetString("DetailsBlob"), Is.EqualTo($"{run.TenantId}/{run.RunId}.json"), "one JSON blob per run");
        });
    }

    [Test]
    public async Task ListsLargerThanAnEntity_AreKeptWhole()
    {
        // Random text: about 1.5 MB of failures, more than a 1 MiB entity could hold; the details blob takes them.
        var failures = Enumerable.Range(0, 3_000)
            .Select(i => new RecordFailure(i, "UpdateUser", $"usr-{i}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(375))))
            .ToList();
        var held = Enumerable.Range(0, 50).Select(i => new HeldDeletion(i, PersonKind.User, $"u{i}")).ToList();
        var run = Run(NewTenantId(), context.Time.GetUtcNow()) with
        {
            Status = RunStatus.CompletedWithErrors,
            Counts = new SyncCounts { Failed = failures.Count, DeletionsHeld = held.Count, Skipped = 2 },
            Failures = failures,
            HeldDeletions = held,
            Skipped = [new SkippedRecord(1, SkipReason.NoContact), new SkippedRecord(2, SkipReason.NoContact)],
        };

        await Store.WriteAsync(run, CancellationToken.None);
        var read = await Store.GetAsync(run.TenantId, run.RunId, CancellationToken.None);
        var entity = await ReadRunEntityAsync(run.TenantId);

        Assert.Multiple(() =>
        {
            Assert.That(entity.ContainsKey("DetailsTruncated"), Is.False);
            Assert.That(read!.Counts, Is.EqualTo(run.Counts), "the counts stay exact");
            Assert.That(read.HeldDeletions, Is.EqualTo(held));
            Assert.That(read.Failures, Is.EqualTo(failures));
            Assert.That(read.Skipped, Is.EqualTo(run.Skipped));
        });
    }

    [Test]
    public async Task RowOfTheEarlierChunkedLayout_ReadsWithoutItsLists()
    {
        var run = Run(NewTenantId(), context.Time.GetUtcNow()) with { Status = RunStatus.DeletionsHeld, Counts = new SyncCounts { DeletionsHeld = 1 } };
        await Store.WriteAsync(run, CancellationToken.None);
        var entity = await ReadRunEntityAsync(run.TenantId);
        entity["DetailsChunks"] = 1;
        entity["Details0"] = new byte[] { 0x1f, 0x8b, 0x08 };
        var table = await context.Tables.Runs.GetAsync(CancellationToken.None);
        await table.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Replace);

        var read = await Store.GetAsync(run.TenantId, run.RunId, CancellationToken.None);

        Assert.That(read!.Counts, Is.EqualTo(run.Counts));
        Assert.That(read.HeldDeletions, Is.Empty);
    }

    private static RunRecord Run(string tenantId, DateTimeOffset startedAt) => new()
    {
        TenantId = tenantId,
        RunId = Guid.NewGuid().ToString(),
        StartedAt = startedAt,
        Status = RunStatus.Running,
    };

    private static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private static void AssertSameRun(RunRecord? actual, RunRecord expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.Multiple(() =>
        {
            // Records compare lists by reference: compare them element by element, the rest as a whole.
            Assert.That(
                actual! with { Skipped = expected.Skipped, HeldDeletions = expected.HeldDeletions, Failures = expected.Failures },
                Is.EqualTo(expected));
            Assert.That(actual.EndedAt?.UtcTicks, Is.EqualTo(expected.EndedAt?.UtcTicks));
            Assert.That(actual.Skipped, Is.EqualTo(expected.Skipped));
            Assert.That(actual.HeldDeletions, Is.EqualTo(expected.HeldDeletions));
            Assert.That(actual.Failures, Is.EqualTo(expected.Failures));
        });
    }

    private async Task<List<RunRecord>> ListAsync(string tenantId, int max) =>
        await Store.ListRecentAsync(tenantId, max, CancellationToken.None).ToListAsync();

    private async Task<TableEntity> ReadRunEntityAsync(string tenantId)
    {
        var table = await context.Tables.Runs.GetAsync(CancellationToken.None);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey lt {"A"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter))
        {
            return entity;
        }

        throw new AssertionException($"no run row for {tenantId}");
    }
}
