using System.Net;
using System.Text;
using Moq;
using StaffCloudSync.Core.Partners.Http;
using StaffCloudSync.Core.Platform.Secrets;

namespace StaffCloudSync.Tests.Http;

/// <summary>
/// The one re-read of a refused secret every client's pipeline has: once, a second send only for a changed secret, the
/// same request (its body and headers) sent again, and what happened told on the request.
/// </summary>
public sealed class BearerSecretHandlerTests
{
    [Test]
    public async Task Accepted_SendsOnce_WithTheCachedSecret()
    {
        var (store, partner) = (Store("key-1"), new Partner(_ => HttpStatusCode.OK));
        using var request = Request();

        using var response = await Send(store, partner, request);

        Assert.That((partner.Keys, BearerOutcome.Of(request)), Is.EqualTo((new List<string> { "key-1" }, new BearerOutcome(false, false))));
        store.Verify(s => s.Invalidate(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task Refused_TheSameSecretAgain_IsNotSentTwice()
    {
        var (store, partner) = (Store("key-1", "key-1"), new Partner(_ => HttpStatusCode.Unauthorized));
        using var request = Request();

        using var response = await Send(store, partner, request);

        Assert.That((partner.Keys.Count, response.StatusCode, BearerOutcome.Of(request)),
            Is.EqualTo((1, HttpStatusCode.Unauthorized, new BearerOutcome(false, true))));
        store.Verify(s => s.Invalidate("s"), Times.Once);
    }

    [Test]
    public async Task Refused_ARotatedSecret_IsSentOnceMore_WithTheSameBodyAndHeaders()
    {
        var (store, partner) = (Store("key-1", "key-2"), new Partner(key => key == "key-2" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized));
        using var request = Request("""{"name":"a"}""");
        request.Headers.Add("Idempotency-Key", "k-1");

        using var response = await Send(store, partner, request);

        Assert.That((partner.Keys, response.StatusCode, BearerOutcome.Of(request)),
            Is.EqualTo((new List<string> { "key-1", "key-2" }, HttpStatusCode.OK, new BearerOutcome(true, false))));
        Assert.That(partner.Bodies, Is.EqualTo(new[] { """{"name":"a"}""", """{"name":"a"}""" }));
        Assert.That(partner.IdempotencyKeys, Is.EqualTo(new[] { "k-1", "k-1" }));
        Assert.That(BearerOutcome.SentSecret(request), Is.EqualTo("key-2"));
    }

    [Test]
    public async Task Refused_ARotatedSecretRefusedToo_IsRefused_AfterTwoSends()
    {
        var (store, partner) = (Store("key-1", "key-2"), new Partner(_ => HttpStatusCode.Unauthorized));
        using var request = Request();

        using var response = await Send(store, partner, request);

        Assert.That((partner.Keys.Count, BearerOutcome.Of(request)), Is.EqualTo((2, new BearerOutcome(true, true))));
    }

    [Test]
    public void RequestNamingNoSecret_IsAProgrammingError_NeverSentWithout()
    {
        var (store, partner) = (Store("key-1"), new Partner(_ => HttpStatusCode.OK));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://partner.test/x");

        Assert.ThrowsAsync<InvalidOperationException>(() => Send(store, partner, request));
        Assert.That(partner.Keys, Is.Empty);
    }

    private static HttpRequestMessage Request(string? body = null)
    {
        var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, "https://partner.test/x");
        request.Options.Set(BearerSecretHandler.SecretName, "s");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        return request;
    }

    private static async Task<HttpResponseMessage> Send(Mock<ISecretStore> store, Partner partner, HttpRequestMessage request)
    {
        using var invoker = new HttpMessageInvoker(new BearerSecretHandler(store.Object,
            (answer, _) => Task.FromResult(answer.StatusCode == HttpStatusCode.Unauthorized)) { InnerHandler = partner });
        return await invoker.SendAsync(request, CancellationToken.None);
    }

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

    /// <summary>The partner's side: records what each send carried, and answers by the key it carried.</summary>
    private sealed class Partner(Func<string, HttpStatusCode> answer) : HttpMessageHandler
    {
        public List<string> Keys { get; } = [];

        public List<string> Bodies { get; } = [];

        public List<string> IdempotencyKeys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } parameter } ? parameter : "(none)";
            Keys.Add(key);
            if (request.Content is not null)
            {
                Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            IdempotencyKeys.AddRange(request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys : []);
            return new HttpResponseMessage(answer(key)) { RequestMessage = request };
        }
    }
}
