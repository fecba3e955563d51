using System.Net;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>The contract's "Absolute links": <c>Location</c> and <c>@odata.nextLink</c> on the configured base, else on the request's own scheme and Host.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class AbsoluteLinksTests(ApiFixture api)
{
    private readonly string _admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

    private static async Task<string?> NextLinkAsync(HttpClient client, string user, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Paths.Photos(user));
        request.Headers.Authorization = new("Bearer", token);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
    }

    private static async Task Create101PhotosAsync(HttpClient client, string user, string token)
    {
        foreach (var batch in Enumerable.Range(0, 101).Chunk(25))
        {
            var responses = await Task.WhenAll(batch.Select(_ => ApiFixture.PostAsync(client, Paths.Photos(user), token, "{}")));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        }
    }

    [Fact]
    public async Task LinksAreOnTheConfiguredPublicBaseWithItsPath()
    {
        await using var own = api.StartOwnApi(new Dictionary<string, string?> { ["ProfileApi:PublicBaseUrl"] = "https://profiles.contoso.com/api/" });
        string user = Paths.NewUser();

        var created = await own.PostAsync(Paths.Profile(user), _admin, "{}");
        await Create101PhotosAsync(own.Client, user, _admin);
        string? next = await NextLinkAsync(own.Client, user, _admin);

        Assert.Equal($"https://profiles.contoso.com/api/user/{user}/profile", created.Headers.Location?.OriginalString);
        Assert.StartsWith($"https://profiles.contoso.com/api/user/{user}/photos?$skiptoken=", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheSettingLinksAreOnTheRequestsOwnSchemeAndHost()
    {
        string user = Paths.NewUser();

        await Create101PhotosAsync(api.Client, user, _admin);
        string? next = await NextLinkAsync(api.Client, user, _admin);

        Assert.StartsWith(Paths.Absolute(api.Client, $"/user/{user}/photos?$skiptoken="), next, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(next, UriKind.Absolute));
    }

    [Fact]
    public async Task ForwardedHeadersNeverChangeTheLinks()
    {
        string user = Paths.NewUser();
        using var request = new HttpRequestMessage(HttpMethod.Post, Paths.Profile(user)) { Content = new StringContent("{}") };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", _admin);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "evil.example.com");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/evil");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=192.0.2.60;proto=https;host=evil.example.com");

        var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Paths.Absolute(api.Client, $"/user/{user}/profile"), response.Headers.Location?.OriginalString);
    }
}
