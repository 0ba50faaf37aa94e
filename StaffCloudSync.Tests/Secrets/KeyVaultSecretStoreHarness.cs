using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>
/// The set-up the KeyVaultSecretStore…Tests share: a fake Key Vault answering one secret and a fake clock, made anew
/// for each test, and the store under test over them.
/// </summary>
public abstract class KeyVaultSecretStoreHarness
{
    private protected const string Name = "staffcloud-token-acme";
    private protected const string Value = "sc-token-Zq81-do-not-log";

    private protected FakeSecretClient _reader = null!;
    private protected FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _reader = new FakeSecretClient();
        _reader.Returns(Value);
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));
    }

    private protected KeyVaultSecretStore CreateStore(TimeSpan? cacheDuration = null) =>
        new(_reader, FakeSecretClient.Cache(_time), Options.Create(new KeyVaultOptions { CacheDuration = cacheDuration ?? TimeSpan.FromMinutes(5) }),
            NullLogger<KeyVaultSecretStore>.Instance);
}
