using Azure;
using Azure.Data.Tables;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Storage;

/// <summary>Reading tenant rows: every setting round-trips, missing ones take the spec's defaults, values typed by hand are read leniently, bad ones are named, and no bad row makes a read throw.</summary>
public sealed class TableTenantStoreReadTests : TableTenantStoreHarness
{
    [Test]
    public async Task EverySetting_RoundTrips()
    {
        var settings = new TenantSettings
        {
            TenantId = NewTenantId(),
            StaffCloudApiTenant = "acme-events",
            StaffCloudTokenSecret = "staffcloud-token-acme-custom",
            MobieTrainAccountId = "acct_42",
            MobieTrainApiKeySecret = "mobietrain-api-key-acme",
            Enabled = false,
            TimeZone = "America/New_York",
            DefaultLanguage = "de",
            GroupNameTemplate = "{id} {name} {end:dd.MM.yyyy}",
            PreserveManualGroups = true,
            InvitationMaxAgeMonths = 3,
            DeletionThresholdPercent = 35,
            DeletionThresholdMinimum = 4,
        };

        await Store.AddAsync(settings, CancellationToken.None);
        var record = await Store.GetAsync(settings.TenantId, CancellationToken.None);

        Assert.That(record, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(record!.Settings, Is.EqualTo(settings));
            Assert.That(record.Errors, Is.Empty);
            Assert.That(record.IsValid, Is.True);
            Assert.That(record.DeletionApproval, Is.Null);
            Assert.That(record.ETag, Is.Not.EqualTo(default(ETag)));
        });
    }

    [Test]
    public async Task MissingProperties_TakeTheSpecDefaults()
    {
        var tenantId = NewTenantId();
        await WriteRawAsync(new TableEntity("tenant", tenantId)
        {
            ["StaffCloudApiTenant"] = "acme",
            ["MobieTrainAccountId"] = "acct-1",
        });

        var record = await Store.GetAsync(tenantId, CancellationToken.None);

        Assert.That(record!.Errors, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(record.Settings, Is.EqualTo(new TenantSettings { TenantId = tenantId, StaffCloudApiTenant = "acme", MobieTrainAccountId = "acct-1" }));
            Assert.That(record.Settings!.Enabled, Is.True);
            Assert.That(record.Settings.TimeZone, Is.EqualTo("Europe/Zurich"));
            Assert.That(record.Settings.DefaultLanguage, Is.EqualTo("en"));
            Assert.That(record.Settings.EffectiveGroupNameTemplate, Is.EqualTo("{name} ({start:yyyy-MM-dd})"));
            Assert.That(record.Settings.PreserveManualGroups, Is.False);
            Assert.That(record.Settings.InvitationMaxAgeMonths, Is.EqualTo(6));
            Assert.That(record.Settings.DeletionThresholdPercent, Is.EqualTo(20));
            Assert.That(record.Settings.DeletionThresholdMinimum, Is.EqualTo(10));
            Assert.That(record.Settings.MobieTrainApiKeySecret, Is.EqualTo("mobietrain-api-key"));
            Assert.That(record.Settings.EffectiveStaffCloudTokenSecret, Is.EqualTo($"staffcloud-token-{tenantId}"));
        });
    }

    [Test]
    public async Task ValuesTypedByHandWithTheWrongType_AreReadLeniently()
    {
        var tenantId = NewTenantId();
        await WriteRawAsync(new TableEntity("tenant", tenantId)
        {
            ["StaffCloudApiTenant"] = " acme ",
            ["MobieTrainAccountId"] = 12345L,
            ["Enabled"] = "false",
            ["PreserveManualGroups"] = "TRUE",
            ["InvitationMaxAgeMonths"] = "12",
            ["DeletionThresholdPercent"] = 30L,
            ["DeletionThresholdMinimum"] = 5.0,
            ["TimeZone"] = "",
            ["Comment"] = "onboarded by ops, ticket 1234",
        });

        var record = await Store.GetAsync(tenantId, CancellationToken.None);

        Assert.That(record!.Errors, Is.Empty);
        Assert.That(record.Settings, Is.EqualTo(new TenantSettings
        {
            TenantId = tenantId,
            StaffCloudApiTenant = "acme",
            MobieTrainAccountId = "12345",
            Enabled = false,
            PreserveManualGroups = true,
            InvitationMaxAgeMonths = 12,
            DeletionThresholdPercent = 30,
            DeletionThresholdMinimum = 5,
        }));
    }

    [Test]
    public async Task RowWithBadValues_IsReturnedWithErrors_NamingTenantAndField()
    {
        var tenantId = NewTenantId();
        await WriteRawAsync(new TableEntity("tenant", tenantId)
        {
            ["StaffCloudApiTenant"] = "Bad_Host",
            ["MobieTrainAccountId"] = "acct-1",
            ["TimeZone"] = "Mars/Olympus",
            ["InvitationMaxAgeMonths"] = "six",
            ["Enabled"] = "maybe",
        });

        var record = await Store.GetAsync(tenantId, CancellationToken.None);

        Assert.That(record, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(record!.IsValid, Is.False);
            Assert.That(record.Settings, Is.Null, "a value that cannot be read leaves no settings to act on");
            Assert.That(record.Errors.Select(e => e.TenantId), Is.All.EqualTo(tenantId));
            Assert.That(record.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "InvitationMaxAgeMonths", "Enabled", "StaffCloudApiTenant", "TimeZone" }));
            Assert.That(Error(record, "InvitationMaxAgeMonths"), Does.Contain("'six' is not a whole number"));
            Assert.That(Error(record, "Enabled"), Does.Contain("'maybe'"));
            Assert.That(Error(record, "TimeZone"), Does.Contain("'Mars/Olympus' is not a known IANA time zone"));
            Assert.That(Error(record, "StaffCloudApiTenant"), Does.Contain("DNS label"));
            Assert.That(record.Errors.Single(e => e.Field == "TimeZone").ToString(), Does.StartWith($"tenant '{tenantId}': TimeZone:"));
        });
    }

    [Test]
    public async Task UnreadableValues_AreReportedInTheSettingsOrder_WhateverTheRowsColumnOrder()
    {
        // The order the reader has always reported in (credentials, notifications, then the run's settings), not the columns' order.
        string[] expected = ["StaffCloudTokenSecret", "Notifications", "WebhookDebounce", "Enabled", "GroupBy", "PreserveManualGroups", "DeletionApprovalHours"];
        var tenantId = NewTenantId();
        var entity = new TableEntity("tenant", tenantId) { ["StaffCloudApiTenant"] = "acme", ["MobieTrainAccountId"] = "acct-1" };
        foreach (var field in expected.Reverse())
            entity[field] = field == "StaffCloudTokenSecret" ? new byte[] { 1 } : "??";
        await WriteRawAsync(entity);

        var record = await Store.GetAsync(tenantId, CancellationToken.None);

        Assert.That(record!.Errors.Select(e => e.Field), Is.EqualTo(expected));
    }

    [Test]
    public async Task RowThatIsOnlyInvalid_KeepsItsSettings()
    {
        var tenantId = NewTenantId();
        await WriteRawAsync(new TableEntity("tenant", tenantId)
        {
            ["StaffCloudApiTenant"] = "acme",
            ["MobieTrainAccountId"] = "acct-1",
            ["DeletionThresholdPercent"] = 150,
        });

        var record = await Store.GetAsync(tenantId, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(record!.Settings!.DeletionThresholdPercent, Is.EqualTo(150));
            Assert.That(record.IsValid, Is.False);
            Assert.That(record.Errors.Single().Field, Is.EqualTo("DeletionThresholdPercent"));
        });
    }

    [Test]
    public async Task List_ReturnsEveryRowInIdOrder_WithoutThrowingOnBadOnes()
    {
        var prefix = "list" + Guid.NewGuid().ToString("N")[..8];
        await Store.AddAsync(Valid(prefix + "-b"), CancellationToken.None);
        await WriteRawAsync(new TableEntity("tenant", prefix + "-a") { ["InvitationMaxAgeMonths"] = "six" });
        await Store.AddAsync(Valid(prefix + "-c"), CancellationToken.None);

        var mine = new List<TenantRecord>();
        await foreach (var record in Store.ListAsync(CancellationToken.None))
        {
            if (record.TenantId.StartsWith(prefix, StringComparison.Ordinal))
            {
                mine.Add(record);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(mine.Select(r => r.TenantId), Is.EqualTo(new[] { prefix + "-a", prefix + "-b", prefix + "-c" }));
            Assert.That(mine.Select(r => r.IsValid), Is.EqualTo(new[] { false, true, true }));
        });
    }

    [Test]
    public async Task GetOfAnUnknownOrUnusableId_IsNull()
    {
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Store.GetAsync(NewTenantId(), CancellationToken.None), Is.Null);
            Assert.That(await Store.GetAsync("bad/id", CancellationToken.None), Is.Null);
        });
    }

    private static string Error(TenantRecord record, string field) =>
        string.Join(" | ", record.Errors.Where(e => e.Field == field).Select(e => e.Message));
}
