using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffCloudSync.Core.Secrets;

namespace StaffCloudSync.Tests.Secrets;

public sealed class KeyVaultSecretStoreTests
{
    private const string Name = "staffcloud-token-acme";
    private const string Value = "sc-token-Zq81-do-not-log";

    private FakeKeyVaultSecretReader _reader = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _reader = new FakeKeyVaultSecretReader();
        _reader.Returns(Value);
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));
    }

    private KeyVaultSecretStore CreateStore(TimeSpan? cacheDuration = null) =>
        new(_reader, Options.Create(new KeyVaultOptions { CacheDuration = cacheDuration ?? TimeSpan.FromMinutes(5) }),
            _time, NullLogger<KeyVaultSecretStore>.Instance);

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
    public void A404_IsSecretNotFoundException_NamingTheSecret()
    {
        _reader.Throws(new RequestFailedException(404, "Secret not found: staffcloud-token-acme", "SecretNotFound", null));
        var store = CreateStore();

        var ex = Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.SecretName, Is.EqualTo(Name));
            Assert.That(ex.Message, Does.Contain(Name));
        }
    }

    [Test]
    public void DisabledSecret_IsSecretNotFoundException()
    {
        // What Key Vault answers for a disabled secret: 403 with inner error SecretDisabled, not 404.
        _reader.Throws(new RequestFailedException(403,
            "Operation get is not allowed on a disabled secret.\nStatus: 403 (Forbidden)\nErrorCode: Forbidden\n\nContent:\n" +
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Operation get is not allowed on a disabled secret.\",\"innererror\":{\"code\":\"SecretDisabled\"}}}",
            "Forbidden", null));
        var store = CreateStore();

        var ex = Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        Assert.That(ex!.SecretName, Is.EqualTo(Name));
    }

    [Test]
    public void SecretReturnedAsDisabled_IsSecretNotFoundException()
    {
        _reader.Respond = name =>
        {
            var secret = new KeyVaultSecret(name, Value);
            secret.Properties.Enabled = false;
            return Task.FromResult(secret);
        };
        var store = CreateStore();

        Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync(Name, CancellationToken.None));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void EmptyValue_IsSecretNotFoundException(string empty)
    {
        _reader.Returns(empty);
        var store = CreateStore();

        var ex = Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        Assert.That(ex!.SecretName, Is.EqualTo(Name));
    }

    [TestCase(401)]
    [TestCase(403)]
    public async Task AccessDenied_NamesTheSecretAndTheRole_ButNotTheValue(int status)
    {
        var store = CreateStore();
        await store.GetSecretAsync(Name, CancellationToken.None);
        store.Invalidate(Name);
        _reader.Throws(new RequestFailedException(status,
            "Caller is not authorized to perform action on resource.", "Forbidden", null));

        var ex = Assert.ThrowsAsync<SecretAccessDeniedException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.Contain(Name));
            Assert.That(ex.Message, Does.Contain("Key Vault Secrets User"));
            Assert.That(ex.Message, Does.Contain(_reader.VaultUri.ToString()));
            Assert.That(ex.SecretName, Is.EqualTo(Name));
            Assert.That(ex.StatusCode, Is.EqualTo(status));
            Assert.That(ex.ToString(), Does.Not.Contain(Value));
        }
    }

    [Test]
    public void OtherFailures_PassThroughUnchanged()
    {
        var outage = new RequestFailedException(503, "Service Unavailable");
        _reader.Throws(outage);
        var store = CreateStore();

        var ex = Assert.ThrowsAsync<RequestFailedException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        Assert.That(ex, Is.SameAs(outage));
    }

    [Test]
    public async Task Failures_AreNotCached()
    {
        _reader.Throws(new RequestFailedException(503, "Service Unavailable"));
        var store = CreateStore();
        Assert.ThrowsAsync<RequestFailedException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        _reader.Returns(Value);
        var value = await store.GetSecretAsync(Name, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(value, Is.EqualTo(Value));
            Assert.That(_reader.Calls, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task MissingSecret_IsAskedForAgainOnceCreated()
    {
        _reader.Throws(new RequestFailedException(404, "Secret not found"));
        var store = CreateStore();
        Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetSecretAsync(Name, CancellationToken.None));

        _reader.Returns(Value);

        Assert.That(await store.GetSecretAsync(Name, CancellationToken.None), Is.EqualTo(Value));
    }

    [Test]
    public async Task ConcurrentCallersForTheSameSecret_ShareOneFetch()
    {
        var gate = new TaskCompletionSource<KeyVaultSecret>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reader.Respond = _ => gate.Task;
        var store = CreateStore();

        var callers = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => store.GetSecretAsync(Name, CancellationToken.None)))
            .ToArray();
        await Task.Delay(50);
        gate.SetResult(new KeyVaultSecret(Name, Value));
        var values = await Task.WhenAll(callers);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(values, Is.All.EqualTo(Value));
            Assert.That(_reader.Calls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ConcurrentCallers_ShareAFailure_AndTheNextCallerReadsAgain()
    {
        var gate = new TaskCompletionSource<KeyVaultSecret>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reader.Respond = _ => gate.Task;
        var store = CreateStore();

        var first = store.GetSecretAsync(Name, CancellationToken.None);
        var second = store.GetSecretAsync(Name, CancellationToken.None);
        gate.SetException(new RequestFailedException(404, "Secret not found"));

        using (Assert.EnterMultipleScope())
        {
            Assert.ThrowsAsync<SecretNotFoundException>(() => first);
            Assert.ThrowsAsync<SecretNotFoundException>(() => second);
            Assert.That(_reader.Calls, Is.EqualTo(1));
        }

        _reader.Returns(Value);
        Assert.That(await store.GetSecretAsync(Name, CancellationToken.None), Is.EqualTo(Value));
    }

    [Test]
    public async Task OneCallerGivingUp_DoesNotCancelTheFetchForTheOthers()
    {
        var gate = new TaskCompletionSource<KeyVaultSecret>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reader.Respond = _ => gate.Task;
        var store = CreateStore();
        using var cancel = new CancellationTokenSource();

        var impatient = store.GetSecretAsync(Name, cancel.Token);
        var patient = store.GetSecretAsync(Name, CancellationToken.None);
        await cancel.CancelAsync();
        gate.SetResult(new KeyVaultSecret(Name, Value));

        using (Assert.EnterMultipleScope())
        {
            Assert.CatchAsync<OperationCanceledException>(() => impatient);
            Assert.That(await patient, Is.EqualTo(Value));
            Assert.That(await store.GetSecretAsync(Name, CancellationToken.None), Is.EqualTo(Value), "still cached");
            Assert.That(_reader.Calls, Is.EqualTo(1));
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

    [TestCase("staffcloud-token-acme/versions")]
    [TestCase("../keys/x")]
    [TestCase("token_with_underscore")]
    public void NameThatIsNotAKeyVaultSecretName_IsRefusedBeforeAnyRequest(string name)
    {
        var store = CreateStore();

        using (Assert.EnterMultipleScope())
        {
            Assert.ThrowsAsync<ArgumentException>(() => store.GetSecretAsync(name, CancellationToken.None));
            Assert.That(_reader.Calls, Is.Zero);
        }
    }
}
