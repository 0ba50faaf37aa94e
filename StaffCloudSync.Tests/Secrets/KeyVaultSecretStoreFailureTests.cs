using Azure;
using Azure.Security.KeyVault.Secrets;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>What Key Vault refuses: a missing, disabled or empty secret, denied access, other failures passed through, none cached, and a name refused before any request.</summary>
public sealed class KeyVaultSecretStoreFailureTests : KeyVaultSecretStoreHarness
{
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
