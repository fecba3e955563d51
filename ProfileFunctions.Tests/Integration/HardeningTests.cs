using System.Net;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>
/// The contract's hardening rules for requests that only a socket can make (HttpClient refuses to send them): control
/// characters in client-request-id. They run against the local host on Kestrel, whose own header handling is what they
/// provoke; under the Functions host the host's front end receives them first, so they stay out of the contract lane.
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
}
