using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Partners.MobieTrain;
using StaffCloudSync.Core.Partners.MobieTrain.Http;
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

    [Test]
    public void RemovedSettings_StillConfigured_FailStartUp_AllAtOnce_EachNamedWithItsConstant()
    {
        var message = StartUpFailure(new()
        {
            ["MobieTrain:BaseUrl"] = "https://api.mobietrain.example/",
            ["MobieTrain:PageSize"] = "100",
            ["MobieTrain:MaxResponseBytes"] = "1048576",
            ["MobieTrain:Resilience:MaxRetries"] = "2",
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message, Does.Contain("MobieTrain:PageSize (app setting MobieTrain__PageSize) is set, but that setting is gone: it is now the constant 500"));
            Assert.That(message, Does.Contain("MobieTrain:MaxResponseBytes (app setting MobieTrain__MaxResponseBytes) is set, but that setting is gone"));
            Assert.That(message, Does.Contain("MobieTrain:Resilience:MaxRetries (app setting MobieTrain__Resilience__MaxRetries) is set, but that setting is gone: it is now the constant 4"));
        }
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

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(MobieTrainClient.HttpClientName);

        Assert.That(http.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
        Assert.That(new Uri(http.BaseAddress!, "v1/accounts/a/users").AbsoluteUri, Is.EqualTo("https://gateway.example/mobietrain/v1/accounts/a/users"));
    }
}
