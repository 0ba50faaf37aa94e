using Azure.Data.Tables;
using StaffCloudSync.Core.Tenants;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.Notifications;

/// <summary>sync-rules.md, "Tenant settings": WebhookSecret, WebhookDebounce and WebhookMinInterval — defaults, checks, the row.</summary>
public sealed class WebhookSettingsTests
{
    private StorageHarness context = null!;

    // Each tenant on accounts of its own: the table is shared by the class's tests, and one tenant per account is a rule.
    private static TenantSettings Valid(string tenantId = "acme") => new() { TenantId = tenantId, StaffCloudApiTenant = tenantId, MobieTrainAccountId = tenantId };

    [OneTimeSetUp]
    public async Task StartStorage() => context = await StorageHarness.CreateAsync();

    [OneTimeTearDown]
    public async Task DropTables() => await context.DisposeAsync();

    [Test]
    public void Defaults_AreTheSpecs()
    {
        var settings = Valid();
        Assert.Multiple(() =>
        {
            Assert.That(settings.EffectiveWebhookSecret, Is.EqualTo("staffcloud-webhook-acme"));
            Assert.That(settings.WebhookDebounce, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(settings.WebhookMinInterval, Is.EqualTo(TimeSpan.FromMinutes(15)));
            Assert.That(TenantSettingsValidator.Validate(settings), Is.Empty);
            Assert.That((settings with { WebhookSecret = "staffcloud-webhook-acme-hook" }).EffectiveWebhookSecret, Is.EqualTo("staffcloud-webhook-acme-hook"));
        });
    }

    private static IEnumerable<TestCaseData> InvalidRows()
    {
        yield return new TestCaseData(Valid() with { WebhookSecret = "hook/acme" }, "WebhookSecret").SetName("Webhook secret name with a slash");
        yield return new TestCaseData(Valid() with { WebhookDebounce = TimeSpan.FromSeconds(-1) }, "WebhookDebounce").SetName("Debounce negative");
        yield return new TestCaseData(Valid() with { WebhookDebounce = TimeSpan.FromHours(13) }, "WebhookDebounce").SetName("Debounce over 12 hours");
        yield return new TestCaseData(Valid() with { WebhookMinInterval = TimeSpan.FromSeconds(59) }, "WebhookMinInterval").SetName("Min interval under a minute");
        yield return new TestCaseData(Valid() with { WebhookMinInterval = TimeSpan.FromHours(12.5) }, "WebhookMinInterval").SetName("Min interval over 12 hours");
    }

    [TestCaseSource(nameof(InvalidRows))]
    public void InvalidField_IsNamedWithTheTenant(TenantSettings settings, string field)
    {
        var errors = TenantSettingsValidator.Validate(settings);
        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { field }));
        Assert.That(errors[0].ToString(), Does.StartWith($"tenant 'acme': {field}:"));
    }

    [TestCase("00:05:00", 300)]
    [TestCase("1.00:00:00", 86_400)]
    [TestCase("PT5M", 300)]
    [TestCase("PT1H30M", 5_400)]
    [TestCase("5 min", 300)]
    [TestCase("90s", 90)]
    [TestCase("2h", 7_200)]
    [TestCase("15", 900)]
    [TestCase(" 0 ", 0)]
    public void DurationText_ReadsWhatAnOperatorTypes(string text, int seconds)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("five minutes")]
    [TestCase("5 fortnights")]
    [TestCase("-5")]
    [TestCase("P")]
    [TestCase("25:99:00")]
    [TestCase("")]
    public void DurationText_RefusesEverythingElse(string text) => Assert.That(DurationText.TryParse(text, out _), Is.False);

    [Test]
    public void DurationText_ReadsNumbersAsMinutes_AndWritesTheTableFormat()
    {
        Assert.That(DurationText.TryParse(15L, out var fromLong), Is.True);
        Assert.That(DurationText.TryParse(2.5, out var fromDouble), Is.True);
        Assert.That((fromLong, fromDouble), Is.EqualTo((TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(150))));
        Assert.That(DurationText.TryParse(double.MaxValue, out _), Is.False, "out of TimeSpan's range");
        Assert.That(DurationText.Format(TimeSpan.FromMinutes(15)), Is.EqualTo("00:15:00"));
    }

    [Test]
    public async Task TheSettings_RoundTripThroughTheRow()
    {
        var settings = Valid(NewTenantId()) with { WebhookSecret = "staffcloud-webhook-acme-hook", WebhookDebounce = TimeSpan.FromMinutes(2), WebhookMinInterval = TimeSpan.FromMinutes(30) };

        await context.Tenants.AddAsync(settings, CancellationToken.None);
        var record = await context.Tenants.GetAsync(settings.TenantId, CancellationToken.None);
        var row = await (await context.Tables.Tenants.GetAsync(CancellationToken.None)).GetEntityAsync<TableEntity>("tenant", settings.TenantId);

        Assert.That(record!.Settings, Is.EqualTo(settings));
        Assert.That((row.Value.GetString("WebhookDebounce"), row.Value.GetString("WebhookMinInterval")), Is.EqualTo(("00:02:00", "00:30:00")), "written as an operator reads them");
    }

    [Test]
    public async Task RowTypedByHand_IsReadLeniently_AndABadDurationIsNamed()
    {
        var lenient = NewTenantId();
        var bad = NewTenantId();
        var table = await context.Tables.Tenants.GetAsync(CancellationToken.None);
        await table.AddEntityAsync(new TableEntity("tenant", lenient) { ["StaffCloudApiTenant"] = "acme", ["MobieTrainAccountId"] = "a", ["WebhookDebounce"] = 2, ["WebhookMinInterval"] = "PT20M" });
        await table.AddEntityAsync(new TableEntity("tenant", bad) { ["StaffCloudApiTenant"] = "acme", ["MobieTrainAccountId"] = "a", ["WebhookMinInterval"] = "soon" });

        var read = await context.Tenants.GetAsync(lenient, CancellationToken.None);
        var refused = await context.Tenants.GetAsync(bad, CancellationToken.None);

        Assert.That((read!.Settings!.WebhookDebounce, read.Settings.WebhookMinInterval), Is.EqualTo((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(20))));
        Assert.That(read.Settings.EffectiveWebhookSecret, Is.EqualTo($"staffcloud-webhook-{lenient}"));
        Assert.That(refused!.Settings, Is.Null, "an unreadable value leaves no settings that would misstate the row");
        Assert.That(refused.Errors.Single().ToString(), Does.StartWith($"tenant '{bad}': WebhookMinInterval: 'soon' is not a duration"));
    }

    private static string NewTenantId() => "hook-" + Guid.NewGuid().ToString("N")[..10];
}
