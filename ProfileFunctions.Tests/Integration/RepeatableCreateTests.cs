using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class RepeatableCreateTests(ApiFixture api)
{
    private const string Body = """{"caption":"at the lake","n":1.50}""";

    private Task<HttpResponseMessage> PostAsync(string path, string token, string body, string? key, string? firstSent = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Repeatability-Request-ID", key);
        }

        if (firstSent is not null)
        {
            request.Headers.TryAddWithoutValidation("Repeatability-First-Sent", firstSent);
        }

        return api.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static string? Repeatability(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Repeatability-Result", out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task FiftyParallelIdenticalKeyedPhotoCreatesMakeOnePhotoAndFifty201sWithTheSameId()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(Paths.Photos(user), token, Body, "upload-1")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.All(responses, response => Assert.Equal("accepted", Repeatability(response)));
        var ids = await Task.WhenAll(responses.Select(IdOfAsync));
        string id = Assert.Single(ids.Distinct());
        Assert.Single(responses.Select(response => response.Headers.Location?.OriginalString).Distinct());
        Assert.Single(responses.Select(response => response.Headers.ETag?.ToString()).Distinct());
        var stored = Assert.Single(await api.PhotosAsync(user));
        Assert.Equal(id, stored.RowKey);
    }

    [Fact]
    public async Task FiftyParallelIdenticalKeyedProfileCreatesMakeOneProfileAndFifty201sWithTheSameId()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(Paths.Profile(user), token, Body, "profile-1")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        var ids = await Task.WhenAll(responses.Select(IdOfAsync));
        Assert.Equal((await api.ProfileAsync(user))?.GetString("Id"), Assert.Single(ids.Distinct()));
    }

    [Fact]
    public async Task RepeatingAKeyedCreateWithTheSameBytesGetsTheFirst201Again()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        const string firstSent = "Tue, 01 Dec 2026 10:00:00 GMT";

        var first = await PostAsync(Paths.Profile(user), token, Body, "k:1", firstSent);
        var repeat = await PostAsync(Paths.Profile(user), token, Body, "k:1", firstSent);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal("accepted", Repeatability(first));
        Assert.Equal("accepted", Repeatability(repeat));
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);
        Assert.Equal(
            await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            await repeat.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // The row is the record of the request that made it: its request-id, key and the hash of the bytes sent.
        var stored = await api.ProfileAsync(user);
        Assert.NotNull(stored);
        Assert.Equal(Assert.Single(first.Headers.GetValues("request-id")), stored.GetString("RequestId"));
        Assert.Equal("k:1", stored.GetString("RepeatabilityRequestId"));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(Body)), stored.GetBinary("RequestBodyHash"));
    }

    [Fact]
    public async Task AKeyedPhotoWithoutAnIdGetsTheSameNameBasedIdOnEveryRepeatAndAnotherKeyGetsAnother()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        string first = await IdOfAsync(await PostAsync(Paths.Photos(user), token, Body, "a"));
        string repeat = await IdOfAsync(await PostAsync(Paths.Photos(user), token, Body, "a"));
        string other = await IdOfAsync(await PostAsync(Paths.Photos(user), token, Body, "b"));

        Assert.Equal(first, repeat);
        Assert.NotEqual(first, other);
        Assert.Equal('5', first[14]);
        Assert.Equal(2, (await api.PhotosAsync(user)).Count);
    }

    [Theory]
    [InlineData("profile")]
    [InlineData("photos")]
    public async Task TheSameKeyWithAnotherBodyIsAConflictThatSaysSo(string route)
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string path = $"/user/{user}/{route}";
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(path, token, Body, "k")).StatusCode);

        // Re-serialised is another body: the bytes decide.
        var other = await PostAsync(path, token, """{"caption":"at the lake","n":1.5}""", "k");

        var error = await GraphError.AssertAsync(other, HttpStatusCode.Conflict, "Conflict");
        Assert.Contains("Repeatability-Request-ID", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("another body", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(Repeatability(other));
        Assert.Equal(1, route == "profile" ? (await api.ProfileAsync(user) is null ? 0 : 1) : (await api.PhotosAsync(user)).Count);
    }

    [Fact]
    public async Task TheSameKeyFromAnotherCallerIsAConflictThatSaysSo()
    {
        string user = Paths.NewUser();
        var byApp = await PostAsync(Paths.Profile(user), api.Token(TokenRequest.Application("Profile.ReadWrite.All")), Body, "k");
        Assert.Equal(HttpStatusCode.Created, byApp.StatusCode);

        var byUser = await PostAsync(Paths.Profile(user), api.Token(TokenRequest.Delegated(user)), Body, "k");

        var error = await GraphError.AssertAsync(byUser, HttpStatusCode.Conflict, "Conflict");
        Assert.Contains("another caller", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("other")]
    public async Task AKeyedProfileCreateFindingAProfileMadeWithoutThatKeyIsAConflict(string? firstKey)
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Paths.Profile(user), token, Body, firstKey)).StatusCode);

        var keyed = await PostAsync(Paths.Profile(user), token, Body, "k");

        var error = await GraphError.AssertAsync(keyed, HttpStatusCode.Conflict, "Conflict");
        Assert.Contains("already has a profile", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnkeyedCreateGetsNoRepeatabilityResult()
    {
        string user = Paths.NewUser();

        var response = await PostAsync(Paths.Photos(user), api.Token(TokenRequest.Delegated(user)), Body, key: null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(Repeatability(response));
    }

    // Empty values are in the unit tests: HttpClient does not send an empty header.
    [Theory]
    [InlineData("has space", null)]
    [InlineData("a/b", null)]
    [InlineData("k!", null)]
    [InlineData("k", "Sun, 6 Nov 1994 08:49:37 GMT")]
    [InlineData("k", "sun, 06 nov 1994 08:49:37 gmt")]
    [InlineData("k", "Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData("k", "2026-12-01T10:00:00Z")]
    [InlineData("k", "yesterday")]
    [InlineData(null, "Sun, 06 Nov 1994 08:49:37 GMT")]
    public async Task MalformedRepeatabilityHeadersAreBadRequestsAndStoreNothing(string? key, string? firstSent)
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var profile = await PostAsync(Paths.Profile(user), token, Body, key, firstSent);
        var photo = await PostAsync(Paths.Photos(user), token, Body, key, firstSent);

        var error = await GraphError.AssertAsync(profile, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("Repeatability-", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GraphError.AssertAsync(photo, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Null(await api.ProfileAsync(user));
        Assert.Empty(await api.PhotosAsync(user));
    }

    [Fact]
    public async Task AKeyOf65CharactersIsABadRequestAndOf64IsAccepted()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        await GraphError.AssertAsync(await PostAsync(Paths.Photos(user), token, Body, new string('k', 65)), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Paths.Photos(user), token, Body, new string('k', 64))).StatusCode);
    }

    [Fact]
    public async Task RepeatabilityHeadersAreCheckedAfterTheContentTypeAndBeforeTheBody()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));

        var wrongType = await PostAsync(Paths.Profile(user), token, Body, "bad key", contentType: "text/plain");
        var badBody = await PostAsync(Paths.Profile(user), token, "not json", "bad key");
        var tooLarge = await PostAsync(Paths.Profile(user), token, new string(' ', 70_000), "bad key");

        await GraphError.AssertAsync(wrongType, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        foreach (var response in new[] { badBody, tooLarge })
        {
            var error = await GraphError.AssertAsync(response, HttpStatusCode.BadRequest, "BadRequest");
            Assert.Contains("Repeatability-Request-ID", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Null(await api.ProfileAsync(user));
    }
}
