using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core.Http;
using StaffCloudSync.Core.MobieTrain;
using StaffCloudSync.Core.MobieTrain.Http;
using StaffCloudSync.Core.Secrets;
using StaffCloudSync.Tests.Infrastructure;

namespace StaffCloudSync.Tests.MobieTrain;

/// <summary>The <c>MobieTrain</c> section is checked at start-up, with messages that name the setting to fix.</summary>
public sealed class MobieTrainOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        settings["Secrets:Provider"] = "Configuration";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        services.AddSecretStore(configuration);
        services.AddMobieTrainClient(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static string StartUpFailure(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate())!.Message;
    }

    [Test]
    public void MissingBaseUrl_FailsStartUp_NamingTheSettingBothWays()
    {
        var message = StartUpFailure([]);

        Assert.That(message, Does.Contain("MobieTrain:BaseUrl").And.Contain("MobieTrain__BaseUrl").And.Contain("not set"));
    }

    [TestCase("api.mobietrain.example", "absolute")]
    [TestCase("/v1", "absolute")]
    [TestCase("ftp://api.mobietrain.example/", "absolute")]
    [TestCase("http://api.mobietrain.example/", "https")]
    [TestCase("https://api.mobietrain.example/?tenant=1", "query")]
    public void UnusableBaseUrl_FailsStartUp(string baseUrl, string why)
    {
        var message = StartUpFailure(new() { ["MobieTrain:BaseUrl"] = baseUrl });

        Assert.That(message, Does.Contain("MobieTrain:BaseUrl").And.Contain(why));
    }

    [TestCase("https://api.mobietrain.example")]
    [TestCase("https://gateway.example/mobietrain/")]
    [TestCase("http://localhost:5000/")]
    [TestCase("http://127.0.0.1:5000")]
    [TestCase("http://[::1]:5000/")]
    public void HttpsOrLoopbackHttp_IsAccepted(string baseUrl)
    {
        using var provider = Build(new() { ["MobieTrain:BaseUrl"] = baseUrl });

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
        Assert.That(provider.GetRequiredService<IOptions<MobieTrainOptions>>().Value.PageSize, Is.EqualTo(500));
    }

    [TestCase("0")]
    [TestCase("1001")]
    public void PageSizeOutside1To1000_FailsStartUp(string pageSize)
    {
        var message = StartUpFailure(new() { ["MobieTrain:BaseUrl"] = "https://api.mobietrain.example/", ["MobieTrain:PageSize"] = pageSize });

        Assert.That(message, Does.Contain("MobieTrain:PageSize").And.Contain("MobieTrain__PageSize").And.Contain("1 and 1000"));
    }

    [Test]
    public void ResilienceSettings_AreCheckedWithTheirFullNames()
    {
        var message = StartUpFailure(new()
        {
            ["MobieTrain:BaseUrl"] = "https://api.mobietrain.example/",
            ["MobieTrain:Resilience:MaxRetries"] = "2",
            ["MobieTrain:Resilience:AttemptTimeout"] = "00:10:00",
            ["MobieTrain:Resilience:TotalTimeout"] = "00:05:00",
        });

        Assert.That(message, Does.Contain("MobieTrain:Resilience:MaxRetries").And.Contain("MobieTrain__Resilience__MaxRetries"));
        Assert.That(message, Does.Contain("MobieTrain:Resilience:AttemptTimeout").And.Contain("shorter than"));
    }

    [Test]
    public void Client_IsRegistered_WithTheGivenClocksKept()
    {
        var backoff = new BackoffClock(new InstantTimeProvider());
        using var provider = Build(new() { ["MobieTrain:BaseUrl"] = "https://api.mobietrain.example/" },
            services => services.AddSingleton(backoff));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.GetRequiredService<IMobieTrainClient>(), Is.InstanceOf<MobieTrainClient>());
            Assert.That(provider.GetRequiredService<BackoffClock>(), Is.SameAs(backoff));
            Assert.That(provider.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System));
        }
    }

    [Test]
    public void HttpClient_LeavesTimeoutsToTheResilienceHandlers_AndSitsBelowTheBaseUrl()
    {
        using var provider = Build(new() { ["MobieTrain:BaseUrl"] = "https://gateway.example/mobietrain" });

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(MobieTrainServiceCollectionExtensions.HttpClientName);

        Assert.That(http.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
        Assert.That(new Uri(http.BaseAddress!, "v1/accounts/a/users").AbsoluteUri, Is.EqualTo("https://gateway.example/mobietrain/v1/accounts/a/users"));
    }
}
