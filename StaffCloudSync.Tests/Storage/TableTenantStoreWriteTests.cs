using Azure;
using Azure.Data.Tables;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Storage;

/// <summary>Adding and updating tenant rows: validated first, an existing tenant refused, an update on the row's ETag that keeps the approval and columns it does not know.</summary>
public sealed class TableTenantStoreWriteTests : TableTenantStoreHarness
{
    [Test]
    public async Task Add_Validates_AndWritesNothingWhenInvalid()
    {
        var settings = Valid(NewTenantId()) with { TimeZone = "Mars/Olympus", InvitationMaxAgeMonths = 0 };

        var ex = Assert.ThrowsAsync<TenantValidationException>(() => Store.AddAsync(settings, CancellationToken.None));

        Assert.That(ex!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "TimeZone", "InvitationMaxAgeMonths" }));
        Assert.That(await Store.GetAsync(settings.TenantId, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Add_RejectsAnExistingTenant()
    {
        var settings = Valid(NewTenantId());
        await Store.AddAsync(settings, CancellationToken.None);

        var ex = Assert.ThrowsAsync<TenantConflictException>(() => Store.AddAsync(settings with { Enabled = false }, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain(settings.TenantId).And.Contain("already exists"));
        Assert.That((await Store.GetAsync(settings.TenantId, CancellationToken.None))!.Settings!.Enabled, Is.True);
    }

    [Test]
    public async Task Update_ReplacesSettings_AndKeepsTheApprovalAndUnknownColumns()
    {
        var tenantId = NewTenantId();
        await WriteRawAsync(new TableEntity("tenant", tenantId)
        {
            ["StaffCloudApiTenant"] = "acme",
            ["MobieTrainAccountId"] = "acct-1",
            ["StaffCloudTokenSecret"] = "staffcloud-token-old",
            ["Comment"] = "kept",
        });
        var approval = new DeletionApproval("a1", "run-1", new HashSet<long> { 4, 7 }, context.Time.GetUtcNow(), "ops@example.com", context.Time.GetUtcNow().AddHours(24));
        await Store.SetDeletionApprovalAsync(tenantId, approval, CancellationToken.None);
        var before = await Store.GetAsync(tenantId, CancellationToken.None);

        var changed = before!.Settings! with { StaffCloudTokenSecret = null, DefaultLanguage = "fr", InvitationMaxAgeMonths = 9 };
        await Store.UpdateAsync(changed, before.ETag, CancellationToken.None);
        var after = await Store.GetAsync(tenantId, CancellationToken.None);
        var raw = await ReadRawAsync(tenantId);

        Assert.Multiple(() =>
        {
            Assert.That(after!.Settings, Is.EqualTo(changed));
            Assert.That(after.Settings!.EffectiveStaffCloudTokenSecret, Is.EqualTo($"staffcloud-token-{tenantId}"));
            Assert.That(after.DeletionApproval, Is.EqualTo(approval));
            Assert.That(after.ETag, Is.Not.EqualTo(before.ETag));
            Assert.That(raw.GetString("Comment"), Is.EqualTo("kept"));
        });
    }

    [Test]
    public async Task UpdateWithAStaleETag_IsAConflict_NamingTheTenant()
    {
        var settings = Valid(NewTenantId());
        await Store.AddAsync(settings, CancellationToken.None);
        var read = await Store.GetAsync(settings.TenantId, CancellationToken.None);
        await Store.UpdateAsync(settings with { DefaultLanguage = "de" }, read!.ETag, CancellationToken.None);

        var ex = Assert.ThrowsAsync<TenantConflictException>(
            () => Store.UpdateAsync(settings with { DefaultLanguage = "it" }, read.ETag, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain($"'{settings.TenantId}'"));
        Assert.That((await Store.GetAsync(settings.TenantId, CancellationToken.None))!.Settings!.DefaultLanguage, Is.EqualTo("de"));
    }

    [Test]
    public async Task Update_Validates_AndNeedsAnExistingTenant()
    {
        var settings = Valid(NewTenantId());

        Assert.ThrowsAsync<TenantValidationException>(() => Store.UpdateAsync(settings with { DefaultLanguage = "xx" }, ETag.All, CancellationToken.None));
        var ex = Assert.ThrowsAsync<TenantConflictException>(() => Store.UpdateAsync(settings, ETag.All, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain(settings.TenantId).And.Contain("does not exist"));
    }

    private async Task<TableEntity> ReadRawAsync(string tenantId)
    {
        var table = await context.Tables.Tenants.GetAsync(CancellationToken.None);
        return (await table.GetEntityAsync<TableEntity>("tenant", tenantId)).Value;
    }
}
