using Azure;
using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Tests.Rules;

/// <summary>sync-rules.md, "Secrets in their roles": each secret name's prefix says its role, within a row and across rows.</summary>
public class SecretRolesTests
{
    private static TenantSettings Valid(string id = "acme") => new() { TenantId = id, StaffCloudApiTenant = id, MobieTrainAccountId = id };

    [TestCase("staffcloud-token-acme")]
    [TestCase("staffcloud-token-x")]
    [TestCase("StaffCloud-Token-ACME")]
    public void TokenSecret_WithItsPrefix_IsValid(string name) =>
        Assert.That(TenantSettingsValidator.Validate(Valid() with { StaffCloudTokenSecret = name }), Is.Empty);

    [TestCase("staffcloud-webhook-acme")]
    [TestCase("STAFFCLOUD-WEBHOOK-acme-2")]
    public void WebhookSecret_WithItsPrefix_IsValid(string name) =>
        Assert.That(TenantSettingsValidator.Validate(Valid() with { WebhookSecret = name }), Is.Empty);

    [TestCase("mobietrain-api-key")]
    [TestCase("mobietrain-api-key-acme")]
    [TestCase("MobieTrain-Api-Key-acme")]
    public void MobieTrainKey_TheSharedNameOrWithItsPrefix_IsValid(string name) =>
        Assert.That(TenantSettingsValidator.Validate(Valid() with { MobieTrainApiKeySecret = name }), Is.Empty);

    private static IEnumerable<TestCaseData> Misnamed()
    {
        yield return new TestCaseData(Valid() with { StaffCloudTokenSecret = "staffcloud-token-" }, "StaffCloudTokenSecret").SetName("Token: the prefix exactly");
        yield return new TestCaseData(Valid() with { StaffCloudTokenSecret = "acme-token" }, "StaffCloudTokenSecret").SetName("Token: no prefix");
        yield return new TestCaseData(Valid() with { StaffCloudTokenSecret = "staffcloud-webhook-acme" }, "StaffCloudTokenSecret").SetName("Token: the webhook prefix");
        yield return new TestCaseData(Valid() with { StaffCloudTokenSecret = "mobietrain-api-key" }, "StaffCloudTokenSecret").SetName("Token: the MobieTrain key");
        yield return new TestCaseData(Valid() with { WebhookSecret = "staffcloud-webhook-" }, "WebhookSecret").SetName("Webhook: the prefix exactly");
        yield return new TestCaseData(Valid() with { WebhookSecret = "acme-hook" }, "WebhookSecret").SetName("Webhook: no prefix");
        yield return new TestCaseData(Valid() with { WebhookSecret = "staffcloud-token-acme" }, "WebhookSecret").SetName("Webhook: the token prefix");
        yield return new TestCaseData(Valid() with { WebhookSecret = "mobietrain-api-key" }, "WebhookSecret").SetName("Webhook: the MobieTrain key itself");
        yield return new TestCaseData(Valid() with { WebhookSecret = "mobietrain-api-key-acme" }, "WebhookSecret").SetName("Webhook: a MobieTrain key");
        yield return new TestCaseData(Valid() with { MobieTrainApiKeySecret = "mt-key-acme" }, "MobieTrainApiKeySecret").SetName("Key: no prefix");
        yield return new TestCaseData(Valid() with { MobieTrainApiKeySecret = "staffcloud-token-acme" }, "MobieTrainApiKeySecret").SetName("Key: the token");
        yield return new TestCaseData(Valid() with { MobieTrainApiKeySecret = "mobietrain-api" }, "MobieTrainApiKeySecret").SetName("Key: part of the prefix");
    }

    [TestCaseSource(nameof(Misnamed))]
    public void ASecretOutsideItsRole_IsInvalid_NamingTheFieldOnce(TenantSettings settings, string field)
    {
        var error = TenantSettingsValidator.Validate(settings).Single();

        Assert.That(error.Field, Is.EqualTo(field));
        Assert.That(error.Message, Does.Contain("must start with").And.Contain("no secret serves two roles"));
    }

    [Test]
    public void AMalformedName_IsReportedOnce_AsMalformed() =>
        Assert.That(TenantSettingsValidator.Validate(Valid() with { WebhookSecret = "hook/acme" }).Single().Message, Does.Contain("Key Vault secret name"));

    private static IEnumerable<TestCaseData> SharedAcrossRows()
    {
        yield return new TestCaseData(Valid("beta") with { WebhookSecret = "staffcloud-token-acme" }, Valid(), "WebhookSecret", "StaffCloud token secret")
            .SetName("Webhook secret is another row's token (even though misnamed)");
        yield return new TestCaseData(Valid("beta") with { WebhookSecret = "Staffcloud-Webhook-ACME" }, Valid(), "WebhookSecret", "webhook secret")
            .SetName("Webhook secret is another row's webhook secret, case-insensitively");
        yield return new TestCaseData(Valid("beta") with { StaffCloudTokenSecret = "mobietrain-api-key-acme" }, Valid() with { MobieTrainApiKeySecret = "mobietrain-api-key-acme" },
            "StaffCloudTokenSecret", "MobieTrain API key secret").SetName("Token is another row's MobieTrain key");
        yield return new TestCaseData(Valid("beta") with { MobieTrainApiKeySecret = "staffcloud-webhook-acme" }, Valid(), "MobieTrainApiKeySecret", "webhook secret")
            .SetName("MobieTrain key is another row's webhook secret");
    }

    [TestCaseSource(nameof(SharedAcrossRows))]
    public void ATokenOrWebhookSecretOfAnotherRow_InAnyRole_IsAConflict_NamingBothRows(TenantSettings tenant, TenantSettings other, string field, string otherRole)
    {
        var conflict = TenantClaims.Conflicts(tenant, [Row(other), Row(tenant)]).Single();

        Assert.That(conflict.Field, Is.EqualTo(field));
        Assert.That(conflict.Message, Does.Contain($"is also the {otherRole} of tenant 'acme'").And.Contain("rows 'beta' and 'acme'"));
    }

    [Test]
    public void TheSharedMobieTrainKey_IsNoConflict() =>
        Assert.That(TenantClaims.Conflicts(Valid("beta") with { MobieTrainApiKeySecret = "mobietrain-api-key-x" }, [Row(Valid() with { MobieTrainApiKeySecret = "MOBIETRAIN-API-KEY-X" })]), Is.Empty);

    [Test]
    public void ASharedTokenSecret_IsReportedOnce() =>
        Assert.That(TenantClaims.Conflicts(Valid("beta") with { StaffCloudTokenSecret = "staffcloud-token-acme" }, [Row(Valid())]).Select(c => c.Field),
            Is.EqualTo(new[] { "StaffCloudTokenSecret" }));

    private static TenantRecord Row(TenantSettings settings) => new(settings.TenantId, settings, [], null, ETag.All);
}
