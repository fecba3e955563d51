using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class RoutingAndCorrelationTests(ApiFixture api)
{
    // Every route of the contract with its Allow list; a userId the route refuses (400) is still a 405 for another method.
    private static readonly (string Path, string Allow)[] Routes =
    [
        ("/user/me", "DELETE"),
        ("/user/me/profile", "GET, POST, PATCH, DELETE"),
        ("/user/me/photos", "GET, POST"),
        ("/user/a%2Fb/photos", "GET, POST"),
        ("/user/me/photos/1736e66d-e66d-1736-6de6-36176de63617", "GET, PATCH, DELETE"),
        ("/user/me/photos/1736e66d-e66d-1736-6de6-36176de63617/$value", "GET, PUT"),
    ];

    // The standard methods and one no route declares (the Functions host hands those to its catch-all).
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PURGE"];

    public static TheoryData<string, string, string> OtherMethods()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, allow) in Routes)
        {
            foreach (string method in Methods.Except(allow.Split(", ")))
            {
                data.Add(method, path, allow);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OtherMethods))]
    public async Task AnyOtherMethodIsNotAllowedBeforeAuthentication(string method, string path, string allowed)
    {
        var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed.Split(", "), response.Content.Headers.Allow);
        if (method != "HEAD")
        {
            await GraphError.AssertAsync(response, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        }
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("POST", "/api/user/me/profile")]
    [InlineData("POST", "/user")]
    [InlineData("DELETE", "/users/me")]
    [InlineData("POST", "/user/me/profiles")]
    [InlineData("GET", "/user/me/photos/1/2")]
    [InlineData("GET", "/favicon.ico")]
    [InlineData("POST", "/users/me/profile")]
    public async Task AnUnknownRouteIsNotFoundBeforeAuthentication(string method, string path) =>
        await GraphError.AssertAsync(await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "ResourceNotFound");

    [Fact]
    public async Task EverySuccessCarriesANewRequestId()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var first = await api.PostAsync(Paths.Photos(user), token, "{}");
        var second = await api.PostAsync(Paths.Photos(user), token, "{}");

        string firstId = Assert.Single(first.Headers.GetValues("request-id"));
        string secondId = Assert.Single(second.Headers.GetValues("request-id"));
        Assert.True(Guid.TryParse(firstId, out _));
        Assert.NotEqual(firstId, secondId);
        Assert.False(first.Headers.Contains("client-request-id"));
    }

    [Fact]
    public async Task TheClientRequestIdIsEchoedOnSuccess()
    {
        string user = Paths.NewUser();
        var request = new HttpRequestMessage(HttpMethod.Post, Paths.Photos(user)) { Content = new StringContent("{}", null, "application/json") };
        request.Headers.Authorization = new("Bearer", api.Token(TokenRequest.Delegated(user)));
        request.Headers.Add("client-request-id", "5a1e0c2b-9f3d-4e7a-8b6c-1d2e3f4a5b6c");

        var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("5a1e0c2b-9f3d-4e7a-8b6c-1d2e3f4a5b6c", Assert.Single(response.Headers.GetValues("client-request-id")));
    }

    [Fact]
    public async Task TheClientRequestIdIsEchoedInTheErrorBodyAndHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/user/me/profile");
        request.Headers.Add("client-request-id", "my-trace-7");

        var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var error = await GraphError.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        Assert.Equal("my-trace-7", error.GetProperty("innerError").GetProperty("client-request-id").GetString());
        Assert.Equal("my-trace-7", Assert.Single(response.Headers.GetValues("client-request-id")));
    }

    [Fact]
    public async Task AnErrorWithoutAClientRequestIdHasNoneInItsBody()
    {
        var error = await GraphError.AssertAsync(await api.Client.GetAsync("/nowhere", TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.False(error.GetProperty("innerError").TryGetProperty("client-request-id", out _));
    }

    [Fact]
    public async Task AClientRequestIdWithASpaceIsIgnored()
    {
        const string clientRequestId = "two words";
        string user = Paths.NewUser();
        var created = new HttpRequestMessage(HttpMethod.Post, Paths.Photos(user)) { Content = new StringContent("{}", null, "application/json") };
        created.Headers.Authorization = new("Bearer", api.Token(TokenRequest.Delegated(user)));
        created.Headers.TryAddWithoutValidation("client-request-id", clientRequestId);
        var refused = new HttpRequestMessage(HttpMethod.Post, Paths.Photos(user));
        refused.Headers.TryAddWithoutValidation("client-request-id", clientRequestId);

        var success = await api.Client.SendAsync(created, TestContext.Current.CancellationToken);
        var failure = await api.Client.SendAsync(refused, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, success.StatusCode);
        Assert.False(success.Headers.Contains("client-request-id"));
        var error = await GraphError.AssertAsync(failure, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        Assert.False(failure.Headers.Contains("client-request-id"));
        Assert.False(error.GetProperty("innerError").TryGetProperty("client-request-id", out _));
    }

    [Fact]
    public async Task AClientRequestIdIsEchoedUpTo128CharactersAndIgnoredBeyond()
    {
        string longest = "!~" + new string('x', 126);
        var atTheLimit = new HttpRequestMessage(HttpMethod.Get, "/nowhere");
        atTheLimit.Headers.TryAddWithoutValidation("client-request-id", longest);
        var overTheLimit = new HttpRequestMessage(HttpMethod.Get, "/nowhere");
        overTheLimit.Headers.TryAddWithoutValidation("client-request-id", longest + "x");

        var echoed = await api.Client.SendAsync(atTheLimit, TestContext.Current.CancellationToken);
        var ignored = await api.Client.SendAsync(overTheLimit, TestContext.Current.CancellationToken);

        var error = await GraphError.AssertAsync(echoed, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Equal(longest, Assert.Single(echoed.Headers.GetValues("client-request-id")));
        Assert.Equal(longest, error.GetProperty("innerError").GetProperty("client-request-id").GetString());
        error = await GraphError.AssertAsync(ignored, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.False(ignored.Headers.Contains("client-request-id"));
        Assert.False(error.GetProperty("innerError").TryGetProperty("client-request-id", out _));
    }

    [Fact]
    public async Task EveryResponseTellsBrowsersNotToSniffItsType()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await api.PostAsync(Paths.Photos(user), token, "{}");
        string photo = created.Headers.Location!.AbsolutePath;
        var notModified = new HttpRequestMessage(HttpMethod.Get, photo);
        notModified.Headers.Authorization = new("Bearer", token);
        notModified.Headers.TryAddWithoutValidation("If-None-Match", created.Headers.ETag!.ToString());

        var responses = new Dictionary<HttpStatusCode, HttpResponseMessage>
        {
            [HttpStatusCode.Created] = created,
            [HttpStatusCode.OK] = await api.Client.GetAsync(photo, token),
            [HttpStatusCode.NotModified] = await api.Client.SendAsync(notModified, TestContext.Current.CancellationToken),
            [HttpStatusCode.NoContent] = await api.Client.DeleteAsync(photo, token),
            [HttpStatusCode.BadRequest] = await api.PostAsync(Paths.Photos(user), token, "[]"),
            [HttpStatusCode.Unauthorized] = await api.PostAsync(Paths.Photos(user), null, "{}"),
            [HttpStatusCode.NotFound] = await api.Client.GetAsync("/nowhere", TestContext.Current.CancellationToken),
            [HttpStatusCode.MethodNotAllowed] = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, Paths.Photos(user)), TestContext.Current.CancellationToken),
        };

        foreach (var (status, response) in responses)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), $"{(int)status} has no X-Content-Type-Options");
            Assert.Equal("nosniff", Assert.Single(values));
        }
    }
}
