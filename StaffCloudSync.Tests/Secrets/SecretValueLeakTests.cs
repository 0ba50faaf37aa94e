using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>
/// Drives both stores through every path (read, cache hit, invalidate, missing, disabled, empty, denied, outage) with
/// all log levels on, and checks that the secret's value shows up in no log record and no exception.
/// </summary>
public sealed class SecretValueLeakTests
{
    private const string Value = "leak-canary-7f3b9e2a";

    [Test]
    public async Task NoSecretValue_ReachesALogOrAnException()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new FakeLoggerProvider(collector)));
        var exceptions = new List<Exception>();

        async Task Capture(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                exceptions.Add(ex);
            }
        }

        // Key Vault store.
        var reader = new FakeSecretClient();
        reader.Returns(Value);
        var time = new FakeTimeProvider();
        var keyVault = new KeyVaultSecretStore(reader, FakeSecretClient.Cache(time), Options.Create(new KeyVaultOptions()),
            loggerFactory.CreateLogger<KeyVaultSecretStore>());
        var read = await keyVault.GetSecretAsync("staffcloud-token-acme", CancellationToken.None);
        await keyVault.GetSecretAsync("staffcloud-token-acme", CancellationToken.None);
        keyVault.Invalidate("staffcloud-token-acme");
        await keyVault.GetSecretAsync("staffcloud-token-acme", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));

        foreach (var failure in new Exception[]
        {
            new RequestFailedException(404, "Secret not found"),
            new RequestFailedException(403, "Operation get is not allowed on a disabled secret. SecretDisabled", "Forbidden", null),
            new RequestFailedException(403, "Caller is not authorized", "Forbidden", null),
            new RequestFailedException(401, "Unauthorized", "Unauthorized", null),
            new RequestFailedException(503, "Service Unavailable"),
        })
        {
            reader.Throws(failure);
            await Capture(() => keyVault.GetSecretAsync("staffcloud-token-acme", CancellationToken.None));
        }

        reader.Respond = name =>
        {
            var disabled = new KeyVaultSecret(name, Value);
            disabled.Properties.Enabled = false;
            return Task.FromResult(disabled);
        };
        await Capture(() => keyVault.GetSecretAsync("staffcloud-token-acme", CancellationToken.None));
        reader.Returns(" ");
        await Capture(() => keyVault.GetSecretAsync("staffcloud-token-acme", CancellationToken.None));

        // Configuration store, wired as the app wires it.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secrets:Provider"] = "Configuration",
            ["Secrets:Values:mobietrain-api-key"] = Value,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddLogging();
        services.AddSecretStore(configuration);
        await using var provider = services.BuildServiceProvider();
        var fromConfiguration = provider.GetRequiredService<ISecretStore>();
        var configured = await fromConfiguration.GetSecretAsync("mobietrain-api-key", CancellationToken.None);
        await Capture(() => fromConfiguration.GetSecretAsync("staffcloud-token-acme", CancellationToken.None));

        var records = collector.GetSnapshot();
        var logText = string.Join("\n", records.Select(record => string.Join(" | ",
            record.Message,
            record.ToString(),
            record.Exception?.ToString(),
            string.Join(",", record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? []))));
        var exceptionText = string.Join("\n", exceptions.Select(ex => ex.ToString()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read, Is.EqualTo(Value));
            Assert.That(configured, Is.EqualTo(Value));
            Assert.That(records, Has.Count.GreaterThanOrEqualTo(10), "the paths above were logged");
            Assert.That(logText, Does.Contain("staffcloud-token-acme"), "logs name the secret");
            Assert.That(exceptions, Has.Count.EqualTo(8));
            Assert.That(logText, Does.Not.Contain(Value));
            Assert.That(exceptionText, Does.Not.Contain(Value));
        }
    }
}
