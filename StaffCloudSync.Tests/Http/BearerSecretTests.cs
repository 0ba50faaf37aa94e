using System.Net;
using Moq;
using StaffCloudSync.Core.Http;
using StaffCloudSync.Core.Secrets;

namespace StaffCloudSync.Tests.Http;

/// <summary>The one re-read of a refused secret both clients use: once, and a second send only for a changed secret.</summary>
public sealed class BearerSecretTests
{
    [Test]
    public async Task Accepted_SendsOnce_WithTheCachedSecret()
    {
        var (store, sent) = (Store("key-1"), new List<string>());

        var attempt = await BearerSecret.SendAsync(store.Object, "s", Send(sent, HttpStatusCode.OK), Refused, CancellationToken.None);

        Assert.That((sent, attempt.Rotated, attempt.Refused), Is.EqualTo((new List<string> { "key-1" }, false, false)));
        store.Verify(s => s.Invalidate(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task Refused_TheSameSecretAgain_IsNotSentTwice()
    {
        var (store, sent) = (Store("key-1", "key-1"), new List<string>());

        var attempt = await BearerSecret.SendAsync(store.Object, "s", Send(sent, HttpStatusCode.Unauthorized), Refused, CancellationToken.None);

        Assert.That((sent.Count, attempt.Rotated, attempt.Refused), Is.EqualTo((1, false, true)));
        store.Verify(s => s.Invalidate("s"), Times.Once);
    }

    [Test]
    public async Task Refused_ARotatedSecret_IsSentOnceMore_AndItsAnswerJudged()
    {
        var (store, sent) = (Store("key-1", "key-2"), new List<string>());

        var attempt = await BearerSecret.SendAsync(store.Object, "s",
            (key, _) => { sent.Add(key); return Task.FromResult(new HttpResponseMessage(key == "key-2" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized)); },
            Refused, CancellationToken.None);

        Assert.That((sent, attempt.Secret, attempt.Rotated, attempt.Refused), Is.EqualTo((new List<string> { "key-1", "key-2" }, "key-2", true, false)));
    }

    private static Task<bool> Refused(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Task.FromResult(response.StatusCode == HttpStatusCode.Unauthorized);

    private static Func<string, CancellationToken, Task<HttpResponseMessage>> Send(List<string> sent, HttpStatusCode status) =>
        (key, _) =>
        {
            sent.Add(key);
            return Task.FromResult(new HttpResponseMessage(status));
        };

    private static Mock<ISecretStore> Store(params string[] values)
    {
        var store = new Mock<ISecretStore>();
        var sequence = store.SetupSequence(s => s.GetSecretAsync("s", It.IsAny<CancellationToken>()));
        foreach (var value in values)
        {
            sequence = sequence.ReturnsAsync(value);
        }

        return store;
    }
}
