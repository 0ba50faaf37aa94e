using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace StaffCloudSync.Tests.Functions;

/// <summary>The smallest HttpRequestData/HttpResponseData that lets an HTTP function class be called directly.</summary>
internal sealed class FakeHttpRequestData(Uri url, string method = "GET", byte[]? body = null) : HttpRequestData(new Mock<FunctionContext>().Object)
{
    public override Stream Body { get; } = new MemoryStream(body ?? []);

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new FakeHttpResponseData(FunctionContext);

    public static FakeHttpRequestData Get(string pathAndQuery) => new(new Uri("http://localhost/api/" + pathAndQuery));

    public static FakeHttpRequestData Post(string pathAndQuery, byte[]? body = null) => new(new Uri("http://localhost/api/" + pathAndQuery), "POST", body);
}

internal sealed class FakeHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new Mock<HttpCookies>().Object;

    public string Text()
    {
        Body.Position = 0;
        return new StreamReader(Body, Encoding.UTF8).ReadToEnd();
    }
}
