using StaffCloudSync.Core.Tenants;

namespace StaffCloudSync.Sandbox.Hosting;

/// <summary>A tenant of the sandbox with the made-up credentials its simulators accept.</summary>
public sealed record SandboxTenant(TenantSettings Settings)
{
    /// <summary>A StaffCloud token (a JWT-looking value: StaffCloud answers 400 to one that does not start with eyJ).</summary>
    public string StaffCloudToken { get; init; } = "eyJzYW5kYm94" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    public string MobieTrainApiKey { get; init; } = "mt-sandbox-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    /// <summary>The secret the tenant's notification URL carries (Key Vault secret <c>WebhookSecret</c> in Azure).</summary>
    public string WebhookSecret { get; init; } = "hook-sandbox-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
}
