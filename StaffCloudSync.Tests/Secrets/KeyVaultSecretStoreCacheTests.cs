using Azure.Security.KeyVault.Secrets;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>A secret's value as the store reads it, kept for the cache duration per secret, read again once it is over or the secret is invalidated.</summary>
public sealed class KeyVaultSecretStoreCacheTests : KeyVaultSecretStoreHarness
{
    [Test]
    public async Task GetSecret_ReturnsTheSecretsValue()
    {
        var store = CreateStore();

        Assert.That(await store.GetSecretAsync(Name, CancellationToken.None), Is.EqualTo(Value));
    }

    [Test]
    public async Task GetSecret_TrimsATrailingNewlineOfAValueSetFromAFile()
    {
        _reader.Returns(Value + "\n");
        var store = CreateStore();

        Assert.That(await store.GetSecretAsync(Name, CancellationToken.None), Is.EqualTo(Value));
    }

    [Test]
    public async Task GetSecret_ReusesTheValueWithinTheCacheDuration()
    {
        var store = CreateStore();

        await store.GetSecretAsync(Name, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var second = await store.GetSecretAsync(Name, CancellationToken.None);
        var otherCase = await store.GetSecretAsync(Name.ToUpperInvariant(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(Value));
            Assert.That(otherCase, Is.EqualTo(Value), "Key Vault names are case-insensitive");
            Assert.That(_reader.Calls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task GetSecret_ReadsAgainAfterTheCacheDuration_AndGetsARotatedValue()
    {
        var store = CreateStore();
        await store.GetSecretAsync(Name, CancellationToken.None);

        _reader.Returns("rotated");
        _time.Advance(TimeSpan.FromMinutes(5));
        var after = await store.GetSecretAsync(Name, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after, Is.EqualTo("rotated"));
            Assert.That(_reader.Calls, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task ZeroCacheDuration_ReadsEveryTime()
    {
        var store = CreateStore(TimeSpan.Zero);

        await store.GetSecretAsync(Name, CancellationToken.None);
        await store.GetSecretAsync(Name, CancellationToken.None);

        Assert.That(_reader.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task DifferentSecrets_AreCachedSeparately()
    {
        _reader.Respond = name => Task.FromResult(new KeyVaultSecret(name, "value-of-" + name));
        var store = CreateStore();

        var token = await store.GetSecretAsync(Name, CancellationToken.None);
        var key = await store.GetSecretAsync("mobietrain-api-key", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token, Is.EqualTo("value-of-" + Name));
            Assert.That(key, Is.EqualTo("value-of-mobietrain-api-key"));
        }
    }

    [Test]
    public async Task Invalidate_ForcesAReadOfTheRotatedValue()
    {
        var store = CreateStore();
        await store.GetSecretAsync(Name, CancellationToken.None);

        _reader.Returns("rotated");
        ((ISecretStore)store).Invalidate(Name);
        var after = await store.GetSecretAsync(Name, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after, Is.EqualTo("rotated"));
            Assert.That(_reader.Calls, Is.EqualTo(2));
        }
    }

    [Test]
    public void InvalidateOfAnUncachedSecret_DoesNothing()
    {
        var store = CreateStore();

        Assert.That(() => store.Invalidate("never-read"), Throws.Nothing);
    }
}
