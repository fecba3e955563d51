using System.Net;
using System.Text;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Unit;

/// <summary>The handler that holds the HTTP tests' responses to openapi.json fails on what the document does not say.</summary>
public sealed class DocumentedResponsesTests
{
    private const string Photo = """{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto","id":"1736e66d-e66d-1736-6de6-36176de63617","height":480}""";

    private static async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpResponseMessage answer)
    {
        using var client = new HttpClient(new DocumentedResponses(new Answering(answer))) { BaseAddress = new Uri("http://localhost") };
        using var request = new HttpRequestMessage(method, path);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string? json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        response.Headers.TryAddWithoutValidation("request-id", Guid.NewGuid().ToString());
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Fact]
    public async Task ADocumentedResponsePasses()
    {
        var response = await SendAsync(HttpMethod.Get, "/user/me/photos/1736e66d-e66d-1736-6de6-36176de63617", Answer(HttpStatusCode.OK, Photo, ("ETag", "W/\"1\"")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto","id":"not-a-guid"}""")]
    [InlineData("""{"@odata.type":"#microsoft.fast.pi.viewgenerator.v2.profile.models.profilephoto","id":"1736e66d-e66d-1736-6de6-36176de63617"}""")]
    [InlineData("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto","id":"1736e66d-e66d-1736-6de6-36176de63617","height":0}""")]
    [InlineData("""{"@odata.type":"#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto"}""")]
    public async Task ABodyTheSchemaRejectsFails(string body) =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/user/me/photos/1736e66d-e66d-1736-6de6-36176de63617", Answer(HttpStatusCode.OK, body, ("ETag", "W/\"1\""))));

    [Fact]
    public async Task AMissingRequiredHeaderFails() =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/user/me/photos/1736e66d-e66d-1736-6de6-36176de63617", Answer(HttpStatusCode.OK, Photo)));

    [Fact]
    public async Task AStatusDocumentedByItsRangePasses()
    {
        var response = await SendAsync(HttpMethod.Get, "/user/me/photos/1736e66d-e66d-1736-6de6-36176de63617/$value", Answer(HttpStatusCode.NotModified, null, ("ETag", "W/\"1\"")));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task AnUndocumentedStatusFails() =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/user/me/photos", Answer(HttpStatusCode.Conflict, """{"error":{"code":"Conflict","message":"m","innerError":{"date":"2026-11-23T07:00:00Z","request-id":"1736e66d-e66d-1736-6de6-36176de63617"}}}""")));

    [Fact]
    public async Task AnErrorWithoutTheGraphFormatFails() =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/user/me/photos", Answer(HttpStatusCode.BadRequest, """{"error":{"code":"BadRequest"}}""")));

    [Fact]
    public async Task AnUnknownPathMustBeAGraph404() =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/nowhere", Answer(HttpStatusCode.OK, "{}")));

    private const string NotAllowed = """{"error":{"code":"MethodNotAllowed","message":"m","innerError":{"date":"2026-11-23T07:00:00Z","request-id":"1736e66d-e66d-1736-6de6-36176de63617"}}}""";

    private static HttpResponseMessage MethodNotAllowed(string body, string? allow)
    {
        var response = Answer(HttpStatusCode.MethodNotAllowed, body);
        if (allow is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Allow", allow);
        }

        return response;
    }

    [Fact]
    public async Task AMethodNotAllowedWithThePathsAllowPasses()
    {
        var response = await SendAsync(HttpMethod.Put, "/user/me/photos", MethodNotAllowed(NotAllowed, "GET, POST"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("GET")]
    [InlineData("GET, POST, PATCH")]
    public async Task AMethodNotAllowedWithoutThePathsAllowFails(string? allow) =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Put, "/user/me/photos", MethodNotAllowed(NotAllowed, allow)));

    [Fact]
    public async Task AMethodNotAllowedWithAnotherCodeFails() =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Put, "/user/me/photos", MethodNotAllowed(NotAllowed.Replace("MethodNotAllowed", "BadRequest", StringComparison.Ordinal), "GET, POST")));

    [Fact]
    public async Task AnUnknownPathsGraph404Passes()
    {
        var response = await SendAsync(HttpMethod.Get, "/nowhere", Answer(HttpStatusCode.NotFound, NotAllowed.Replace("MethodNotAllowed", "ResourceNotFound", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("BadRequest")]
    [InlineData("NoSuchCode")]
    public async Task AnUnknownPaths404WithAnotherCodeFails(string code) =>
        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/nowhere", Answer(HttpStatusCode.NotFound, NotAllowed.Replace("MethodNotAllowed", code, StringComparison.Ordinal))));

    [Fact]
    public async Task AnUnknownPaths404WithoutARequestIdFails()
    {
        var answer = Answer(HttpStatusCode.NotFound, NotAllowed.Replace("MethodNotAllowed", "ResourceNotFound", StringComparison.Ordinal));
        answer.Headers.Remove("request-id");

        await Assert.ThrowsAsync<UndocumentedResponseException>(() => SendAsync(HttpMethod.Get, "/nowhere", answer));
    }

    private sealed class Answering(HttpResponseMessage answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
