using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Partners.StaffCloud;
using StaffCloudSync.Core.Partners.StaffCloud.Http;
using StaffCloudSync.Core.Platform.Failures;
using StaffCloudSync.Sandbox.Simulators.StaffCloud;

namespace StaffCloudSync.Tests.StaffCloud;

/// <summary>Where tokens may go: https://&lt;api tenant&gt;.staff.cloud/api/v1/, or a loopback simulator when explicitly allowed.</summary>
public sealed class StaffCloudOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Secrets:Provider", "Configuration");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return StaffCloudHarness.BuildServices(configuration);
    }

    private static void ValidateOnStart(IServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Test]
    public void Tenant_IsReadAtItsStaffCloudHost_ByDefault()
    {
        using var provider = Build([]);
        ValidateOnStart(provider);

        var client = (StaffCloudClient)provider.GetRequiredService<IStaffCloudClient>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(client.BaseAddressFor("acme"), Is.EqualTo(new Uri("https://acme.staff.cloud/api/v1/")));
            Assert.That(new Uri(client.BaseAddressFor("acme-events-2"), "employees?id=1").ToString(),
                Is.EqualTo("https://acme-events-2.staff.cloud/api/v1/employees?id=1"));
        }
    }

    [TestCase("acme.evil.com")]
    [TestCase("-x")]
    [TestCase("x-")]
    [TestCase("ACME")]
    [TestCase("acme/..")]
    [TestCase("acme:8080")]
    [TestCase("acme@evil.com")]
    [TestCase("acme\n")]
    [TestCase("")]
    [TestCase("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task ApiTenantThatIsNotADnsLabel_IsRefusedBeforeAnyRequest(string apiTenant)
    {
        await using var bed = await StaffCloudHarness.StartAsync();
        var target = bed.Target with { ApiTenant = apiTenant };

        var reads = new Func<Task>[]
        {
            async () => await bed.Client.GetEmployeesAsync(target, [1], CancellationToken.None).ToListAsync(),
            async () => await bed.Client.GetActiveEventsAsync(target, new DateTime(2026, 3, 1), CancellationToken.None).ToListAsync(),
            async () => await bed.Client.GetConfirmedAssignmentsAsync(target, [1], CancellationToken.None).ToListAsync(),
            async () => await bed.Client.GetEmployeeAsync(target, 1, CancellationToken.None),
        };

        foreach (var read in reads)
        {
            var error = Assert.ThrowsAsync<SyncRunException>(() => read());
            Assert.That(error!.Kind, Is.EqualTo(SyncFailureKind.Configuration));
            Assert.That(error.Message, Does.StartWith("tenant 'acme-tenant': StaffCloudApiTenant").And.Not.Contain("\n"));
        }

        Assert.That(bed.Simulator.Requests.Reads, Is.Zero);
        Assert.That(() => ((StaffCloudClient)bed.Client).BaseAddressFor(apiTenant), Throws.ArgumentException);
    }

    [Test]
    public void OverrideWithoutAllowBaseAddressOverride_FailsStartUp_NamingBothKeys()
    {
        using var provider = Build(new() { ["StaffCloud:BaseAddressOverride"] = "http://127.0.0.1:5123/{tenant}/api/v1/" });

        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain("StaffCloud:BaseAddressOverride"));
            Assert.That(error.Message, Does.Contain("StaffCloud__AllowBaseAddressOverride"));
            Assert.That(() => provider.GetRequiredService<IStaffCloudClient>(), Throws.InstanceOf<OptionsValidationException>());
        }
    }

    [TestCase("http://staffcloud.example.com/{tenant}/api/v1/", "staffcloud.example.com")]
    [TestCase("https://10.0.0.7:8443/{tenant}/api/v1/", "10.0.0.7")]
    [TestCase("http://{tenant}.localhost.evil.com/api/v1/", "tenant.localhost.evil.com")]
    [TestCase("https://acme.staff.cloud.evil.com/api/v1/", "acme.staff.cloud.evil.com")]
    public void OverrideToAHostThatIsNotLoopback_FailsStartUp_EvenWhenAllowed(string template, string host)
    {
        using var provider = Build(new()
        {
            ["StaffCloud:BaseAddressOverride"] = template,
            ["StaffCloud:AllowBaseAddressOverride"] = "true",
        });

        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain($"host '{host}', which is not loopback"));
            Assert.That(error.Message, Does.Contain("StaffCloud:BaseAddressOverride").And.Contain("StaffCloud__AllowBaseAddressOverride"));
        }
    }

    [TestCase("not a uri")]
    [TestCase("ftp://127.0.0.1/{tenant}/")]
    [TestCase("http://127.0.0.1:5123/{tenant}/api/v1/?x=1")]
    public void OverrideThatIsNotAnHttpUri_FailsStartUp(string template)
    {
        using var provider = Build(new()
        {
            ["StaffCloud:BaseAddressOverride"] = template,
            ["StaffCloud:AllowBaseAddressOverride"] = "true",
        });

        Assert.That(() => ValidateOnStart(provider),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("StaffCloud:BaseAddressOverride").And.Message.Contains("absolute http(s) URI"));
    }

    [TestCase("http://127.0.0.1:5123/{tenant}/api/v1/", "http://127.0.0.1:5123/acme/api/v1/")]
    [TestCase("http://localhost:5123/{tenant}/api/v1", "http://localhost:5123/acme/api/v1/")]
    [TestCase("http://[::1]:5123/sim/{tenant}/", "http://[::1]:5123/sim/acme/")]
    public void AllowedLoopbackOverride_IsUsed_WithTheTenantFilledIn(string template, string expected)
    {
        using var provider = Build(new()
        {
            ["StaffCloud:BaseAddressOverride"] = template,
            ["StaffCloud:AllowBaseAddressOverride"] = "true",
        });
        ValidateOnStart(provider);

        var client = (StaffCloudClient)provider.GetRequiredService<IStaffCloudClient>();

        Assert.That(client.BaseAddressFor("acme"), Is.EqualTo(new Uri(expected)));
    }

    [TestCase("StaffCloud:BatchSize", "200")]
    [TestCase("StaffCloud:Resilience:MaxRetries", "4")]
    [TestCase("StaffCloud__Resilience__TotalTimeout", "00:04:00")]
    public void RemovedSetting_StillConfigured_FailsStartUp_NamingItAndItsConstant(string key, string constant)
    {
        using var provider = Build(new() { [key.Replace("__", ":", StringComparison.Ordinal)] = "7" });

        var colon = key.Replace("__", ":", StringComparison.Ordinal);
        Assert.That(() => ValidateOnStart(provider),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contains($"{colon} (app setting {colon.Replace(":", "__", StringComparison.Ordinal)}) is set, but that setting is gone")
                .And.Message.Contains(constant));
    }

    [Test]
    public void Defaults_Are200IdsPerRequest_AndAtLeastThreeRetries()
    {
        using var provider = Build([]);
        ValidateOnStart(provider);

        var options = provider.GetRequiredService<IOptions<StaffCloudOptions>>().Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.BatchSize, Is.EqualTo(200));
            Assert.That(options.Resilience.MaxRetries, Is.GreaterThanOrEqualTo(3));
            Assert.That(options.BaseAddressOverride, Is.Null);
            Assert.That(options.AllowBaseAddressOverride, Is.False);
        }
    }

    [Test]
    public async Task Simulator_ServesSeveralTenants_EachWithItsOwnTokenAndRecords()
    {
        await using var bed = await StaffCloudHarness.StartAsync(s => s["Secrets:Values:staffcloud-token-beta"] = "eyJ.beta-token");
        bed.Acme.Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(1)]);
        bed.Simulator.AddTenant("beta", "eyJ.beta-token").Seed(StaffCloudResource.Employees, [StaffCloudHarness.Employee(2)]);
        var beta = new StaffCloudTarget("beta-tenant", "beta", "staffcloud-token-beta");

        var acme = await bed.EmployeesAsync(1, 2);
        var betas = await bed.Client.GetEmployeesAsync(beta, [1, 2], CancellationToken.None).ToListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(acme.Select(e => e.Id), Is.EqualTo(new long[] { 1 }));
            Assert.That(betas.Select(e => e.Id), Is.EqualTo(new long[] { 2 }));
            Assert.That(bed.Simulator.RequestLog.Select(r => r.ApiTenant), Is.EqualTo(new[] { "acme", "beta" }));
        }
    }
}
