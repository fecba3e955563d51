using System.Net;
using System.Text;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// The contract's hardening rules for requests that only a socket can make (HttpClient refuses to send them): control
/// characters in client-request-id, bodies that stall, trickle or are framed wrongly. They run against the local host
/// on Kestrel, whose own reading of the body is what they provoke; under the Functions host the host's front end reads
/// the body first, so they stay out of the contract lane.
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class HardeningTests(ApiFixture api)
{
    private static readonly TimeSpan NoPause = TimeSpan.Zero;

    private readonly string _admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

    [Theory]
    [InlineData("Development", "a\u0001b")]
    [InlineData("Development", "a\u007fb")]
    [InlineData("Production", "\u0001")]
    [InlineData("Production", "trace\u007f")]
    public async Task AClientRequestIdWithAControlCharacterIsIgnoredOnAnyRoute(string environment, string clientRequestId)
    {
        await using var own = api.StartListeningApi(environment);
        var routes = new (string Method, string Path, string? Token, HttpStatusCode Status, string Code)[]
        {
            ("GET", "/nowhere", _admin, HttpStatusCode.NotFound, "ResourceNotFound"),
            ("GET", "/nowhere", null, HttpStatusCode.NotFound, "ResourceNotFound"),
            ("PUT", "/user/me/profile", _admin, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed"),
            ("GET", "/user/me/profile", null, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken"),
            ("GET", Paths.Profile(Paths.NewUser()), _admin, HttpStatusCode.NotFound, "ResourceNotFound"),
        };

        foreach (var (method, path, token, status, code) in routes)
        {
            string head = RawHttp.Head(method, path, [$"client-request-id: {clientRequestId}", .. token is null ? Array.Empty<string>() : [$"Authorization: Bearer {token}"]]);
            var response = await RawHttp.SendAsync(own.Address, head, [], NoPause, TestContext.Current.CancellationToken);

            var error = await GraphError.AssertAsync(response, status, code);
            Assert.False(response.Headers.Contains("client-request-id"), $"{method} {path} echoed it");
            Assert.False(error.GetProperty("innerError").TryGetProperty("client-request-id", out _));
            Assert.DoesNotContain(_admin, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABodySentTooSlowlyIsABadRequestAndNothingIsStored()
    {
        await using var own = api.StartListeningApi();
        string user = Paths.NewUser();
        byte[] json = Encoding.UTF8.GetBytes("{\"displayName\":\"Ada Lovelace, one byte a second\"}");

        // One byte a second: under Kestrel's minimum data rate (240 bytes a second) once its 5-second grace is over.
        var response = await RawHttp.SendAsync(own.Address, JsonHead("POST", Paths.Profile(user), $"Content-Length: {json.Length}"), [.. json.Select(b => new[] { b })], TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var error = await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("too slowly", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await api.ProfileAsync(user));
    }

    [Fact]
    public async Task ABodyTheClientStopsSendingIsABadRequestAndNothingIsStored()
    {
        await using var own = api.StartListeningApi();
        string user = Paths.NewUser();

        // 12 of the 100 bytes announced, then silence with the connection open.
        var response = await RawHttp.SendAsync(own.Address, JsonHead("POST", Paths.Photos(user), "Content-Length: 100"), ["{\"width\":12,"u8.ToArray()], NoPause, TestContext.Current.CancellationToken);

        await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Empty(await api.PhotosAsync(user));
    }

    [Theory]
    [InlineData("POST", "profile", "zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("POST", "photos", "2\r\n{}XX0\r\n\r\n")]
    [InlineData("PATCH", "profile", "2\r\n{}XX0\r\n\r\n")]
    [InlineData("PATCH", "photos/1736e66d-e66d-1736-6de6-36176de63617", "-1\r\n{}\r\n0\r\n\r\n")]
    public async Task ABadlyChunkedBodyIsABadRequestAndNothingIsStored(string method, string resource, string chunked)
    {
        await using var own = api.StartListeningApi();
        string user = Paths.NewUser();
        string path = $"/user/{user}/{resource}";

        // Keep-alive: the connection stays open, so the answer alone tells what the server made of the framing.
        var response = await RawHttp.SendAsync(own.Address, JsonHead(method, path, "Transfer-Encoding: chunked"), [Encoding.Latin1.GetBytes(chunked)], NoPause, TestContext.Current.CancellationToken);

        await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Null(await api.ProfileAsync(user));
        Assert.Empty(await api.PhotosAsync(user));
    }

    private string JsonHead(string method, string path, string framing) =>
        RawHttp.Head(method, path, $"Authorization: Bearer {_admin}", "Content-Type: application/json", framing);
}
