using Azure;
using Azure.Security.KeyVault.Secrets;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Secrets;

/// <summary>Callers asking for one secret at once: they share one fetch and its failure, and one giving up cancels it for none of the others.</summary>
public sealed class KeyVaultSecretStoreConcurrencyTests : KeyVaultSecretStoreHarness
{
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
}
