using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Core.Runs;
using StaffCloudSync.Core.Runs.Records;
using StaffCloudSync.Tests.Planning;

namespace StaffCloudSync.Tests.Engine;

/// <summary>What the tenant's row decides before anything is read: a row sharing its account, a disabled tenant, an unknown one, an invalid row.</summary>
public class TenantRunnerTenantRowTests
{
    [Test]
    public async Task ARowSharingTheTenantsAccount_FailsItsRunBeforeReading_NamingBothRows()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var table = await sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "acme-copy") { ["StaffCloudApiTenant"] = "copy", ["MobieTrainAccountId"] = "acme" });

        var outcome = await sync.RunAsync();
        var preview = Assert.ThrowsAsync<SyncRunException>(() => RunContext.PreviewAsync(sync.Tenants, sync.Reader, "acme", Plans.Now, CancellationToken.None));

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.FailureKind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(outcome.Record.Reason, Does.Contain("tenant 'acme'").And.Contain("tenant 'acme-copy'").And.Contain("MobieTrainAccountId"));
        Assert.That(outcome.Retryable, Is.False);
        Assert.That(sync.StaffCloud.Requests + sync.MobieTrain.Reads + sync.MobieTrain.Writes, Is.Zero, "nothing was read");
        Assert.That(preview!.Message, Does.Contain("acme-copy"));
    }

    [Test]
    public async Task ARowWrittenByHand_WithASecretOutsideItsRole_FailsBeforeReading_NamingTheField()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var table = await sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "acme") { ["WebhookSecret"] = "mobietrain-api-key" }, Azure.Data.Tables.TableUpdateMode.Merge);

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.FailureKind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(outcome.Record.Reason, Does.Contain("tenant 'acme'").And.Contain("WebhookSecret").And.Contain("'mobietrain-api-key' is not a name for a webhook secret"));
        Assert.That(sync.StaffCloud.Requests + sync.MobieTrain.Reads + sync.MobieTrain.Writes, Is.Zero, "nothing was read");
    }

    [Test]
    public async Task ARowUsingTheTenantsTokenAsItsWebhookSecret_FailsTheTenantsRunBeforeReading_NamingBothRows()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var table = await sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "beta")
        {
            ["StaffCloudApiTenant"] = "beta", ["MobieTrainAccountId"] = "beta", ["WebhookSecret"] = "staffcloud-token-acme",
        });

        var outcome = await sync.RunAsync();

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.FailureKind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(outcome.Record.Reason, Does.Contain("StaffCloudTokenSecret").And.Contain("webhook secret of tenant 'beta'").And.Contain("rows 'acme' and 'beta'"));
        Assert.That(sync.StaffCloud.Requests + sync.MobieTrain.Reads + sync.MobieTrain.Writes, Is.Zero, "nothing was read");
    }

    [Test]
    public async Task DisabledTenant_RealRunIsSkipped_DryRunAllowed()
    {
        await using var sync = (await SyncHarness.CreateAsync(Plans.DefaultTenant() with { Enabled = false })).Seed(new Plans().Eligible(1));

        var skipped = await sync.RunAsync();
        var dry = await sync.RunAsync(dryRun: true);

        Assert.That(skipped.Record.Status, Is.EqualTo(RunStatus.Skipped));
        Assert.That(skipped.Record.Reason, Does.Contain("disabled"));
        Assert.That(dry.Record.Counts.Invited, Is.EqualTo(1));
        Assert.That(sync.MobieTrain.Writes, Is.Zero);
    }

    [Test]
    public async Task UnknownTenant_FailsNamingIt()
    {
        await using var sync = await SyncHarness.CreateAsync();

        var outcome = await sync.RunAsync(tenantId: "nobody");

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.Reason, Is.EqualTo("UnknownTenant: tenant 'nobody' has no row in the Tenants table"));
        Assert.That(outcome.Retryable, Is.False);
    }

    [Test]
    public async Task InvalidTenantRow_FailsNamingTenantAndField_WritesNothing()
    {
        await using var sync = (await SyncHarness.CreateAsync()).Seed(new Plans().Eligible(1));
        var table = await sync.Storage.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("tenant", "broken")
        {
            ["StaffCloudApiTenant"] = "broken", ["MobieTrainAccountId"] = "broken", ["TimeZone"] = "Mars/Olympus", ["InvitationMaxAgeMonths"] = "six",
        });

        var outcome = await sync.RunAsync(tenantId: "broken");

        Assert.That(outcome.Record.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(outcome.Record.FailureKind, Is.EqualTo(SyncFailureKind.Configuration));
        Assert.That(outcome.Record.Reason, Does.StartWith("Configuration: tenant 'broken' has an invalid row:")
            .And.Contain("TimeZone").And.Contain("InvitationMaxAgeMonths"));
        Assert.That(sync.StaffCloud.Requests + sync.MobieTrain.Writes, Is.Zero);
    }
}
