using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class ReadBackTests(ApiFixture api)
{
    private readonly string _admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

    private Task<HttpResponseMessage> GetAsync(string path, string? token, string? ifNoneMatch = null) => GetAsync(api.Client, path, token, ifNoneMatch);

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? token, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return client.SendAsync(request);
    }

    private async Task<(string Json, string ETag, string Location)> CreateAsync(string path, string token, string body)
    {
        var response = await api.PostAsync(path, token, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), response.Headers.ETag!.ToString(), response.Headers.Location!.OriginalString);
    }

    private static async Task<(List<string> Items, string? NextLink)> PageAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        var items = json.RootElement.GetProperty("value").EnumerateArray().Select(item => item.GetRawText()).ToList();
        string? next = json.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        Assert.Equal(next is null ? 1 : 2, json.RootElement.EnumerateObject().Count());
        return (items, next);
    }

    [Fact]
    public async Task TheProfileReadsBackExactlyAsItsCreateReturnedIt()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await CreateAsync(Paths.Profile(user), token, """{"n":1.50000000000000000001,"s":"caf\u00e9 😀","o":{"a":[1,null]}}""");

        var response = await GetAsync(Paths.Profile("me"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(created.Json, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(created.ETag, response.Headers.ETag?.ToString());
        Assert.Single(response.Headers.GetValues("request-id"));
    }

    [Fact]
    public async Task APhotoReadsBackAtItsLocationExactlyAsCreated()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        var created = await CreateAsync(Paths.Photos(user), token, """{"height":480,"width":640,"caption":"lake"}""");

        var response = await GetAsync(created.Location, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(created.Json, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(created.ETag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task APhotoIdIsAcceptedInAnyGuidFormat()
    {
        string user = Paths.NewUser();
        await CreateAsync(Paths.Photos(user), _admin, """{"id":"1736e66d-e66d-1736-6de6-36176de63617"}""");

        foreach (string id in new[] { "1736E66D-E66D-1736-6DE6-36176DE63617", "1736e66de66d17366de636176de63617", "%7B1736e66d-e66d-1736-6de6-36176de63617%7D" })
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/user/{user}/photos/{id}", _admin)).StatusCode);
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("1736e66d-e66d-1736-6de6-36176de6361")]
    public async Task APhotoIdThatIsNotAGuidIsABadRequest(string id) =>
        await GraphError.AssertAsync(await GetAsync($"/user/{Paths.NewUser()}/photos/{id}", _admin), HttpStatusCode.BadRequest, "BadRequest");

    [Fact]
    public async Task WhatDoesNotExistIsNotFound()
    {
        string user = Paths.NewUser();
        await GraphError.AssertAsync(await GetAsync(Paths.Profile(user), _admin), HttpStatusCode.NotFound, "ResourceNotFound");
        await GraphError.AssertAsync(await GetAsync($"/user/{user}/photos/{Guid.NewGuid()}", _admin), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task TheCurrentETagInIfNoneMatchGets304WithoutABody()
    {
        string user = Paths.NewUser();
        var created = await CreateAsync(Paths.Profile(user), _admin, """{"a":1}""");

        foreach (string ifNoneMatch in new[] { created.ETag, "*", $"\"other\", {created.ETag}" })
        {
            var response = await GetAsync(Paths.Profile(user), _admin, ifNoneMatch);

            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Equal(created.ETag, response.Headers.ETag?.ToString());
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Single(response.Headers.GetValues("request-id"));
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Paths.Profile(user), _admin, "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"")).StatusCode);
    }

    [Fact]
    public async Task AnotherUsersResourcesAreForbiddenWhetherOrNotTheyExist()
    {
        string owner = Paths.NewUser();
        var photo = await CreateAsync(Paths.Photos(owner), api.Token(TokenRequest.Delegated(owner)), "{}");
        await CreateAsync(Paths.Profile(owner), api.Token(TokenRequest.Delegated(owner)), "{}");
        string intruder = api.Token(TokenRequest.Delegated(Paths.NewUser()));
        string nobody = Paths.NewUser();

        foreach (string path in new[] { Paths.Profile(owner), Paths.Photos(owner), photo.Location, Paths.Profile(nobody), Paths.Photos(nobody), $"/user/{nobody}/photos/{Guid.NewGuid()}" })
        {
            await GraphError.AssertAsync(await GetAsync(path, intruder), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        }
    }

    [Fact]
    public async Task ReadingNeedsAValidTokenFirst()
    {
        await GraphError.AssertAsync(await GetAsync(Paths.Profile("me"), token: null), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await GraphError.AssertAsync(await GetAsync("/user/a%2Fb/photos", _admin), HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task AnEmptyPhotoListHasNoNextLink()
    {
        var (items, next) = await PageAsync(await GetAsync(Paths.Photos(Paths.NewUser()), _admin));
        Assert.Empty(items);
        Assert.Null(next);
    }

    [Fact]
    public async Task PhotosAreListedByIdInPagesOf100WithANextLinkOnlyWhileMoreRemain()
    {
        string user = Paths.NewUser();
        var created = new Dictionary<string, string>();
        foreach (var batch in Enumerable.Range(0, 250).Chunk(25))
        {
            foreach (var photo in await Task.WhenAll(batch.Select(i => CreateAsync(Paths.Photos(user), _admin, $$"""{"n":{{i}}}"""))))
            {
                created[JsonDocument.Parse(photo.Json).RootElement.GetProperty("id").GetString()!] = photo.Json;
            }
        }

        var pages = new List<List<string>>();
        string? link = Paths.Photos(user);
        while (link is not null)
        {
            (var items, link) = await PageAsync(await GetAsync(link, _admin));
            pages.Add(items);
        }

        Assert.Equal([100, 100, 50], pages.Select(page => page.Count));
        var listed = pages.SelectMany(page => page).ToList();
        var ids = listed.Select(item => JsonDocument.Parse(item).RootElement.GetProperty("id").GetString()!).ToList();
        Assert.Equal(created.Keys.Order(StringComparer.Ordinal), ids);
        Assert.All(listed, item => Assert.Equal(created[JsonDocument.Parse(item).RootElement.GetProperty("id").GetString()!], item));
    }

    [Fact]
    public async Task ExactlyOneFullPageHasNoNextLink()
    {
        string user = Paths.NewUser();
        foreach (var batch in Enumerable.Range(0, 100).Chunk(25))
        {
            await Task.WhenAll(batch.Select(_ => CreateAsync(Paths.Photos(user), _admin, "{}")));
        }

        var (items, next) = await PageAsync(await GetAsync(Paths.Photos(user), _admin));

        Assert.Equal(100, items.Count);
        Assert.Null(next);
    }

    [Fact]
    public async Task AChangedOrTransplantedNextLinkIsABadRequest()
    {
        string user = Paths.NewUser();
        string other = Paths.NewUser();
        foreach (var batch in Enumerable.Range(0, 101).Chunk(25))
        {
            await Task.WhenAll(batch.Select(_ => CreateAsync(Paths.Photos(user), _admin, "{}")));
        }

        var (_, next) = await PageAsync(await GetAsync(Paths.Photos(user), _admin));
        Assert.NotNull(next);
        string token = Uri.UnescapeDataString(next[(next.IndexOf("$skiptoken=", StringComparison.Ordinal) + "$skiptoken=".Length)..]);
        char flipped = token[5] == 'A' ? 'B' : 'A';
        string changed = token[..5] + flipped + token[6..];

        foreach (string path in new[]
        {
            $"{Paths.Photos(user)}?$skiptoken={Uri.EscapeDataString(changed)}",
            $"{Paths.Photos(other)}?$skiptoken={Uri.EscapeDataString(token)}",
            $"{Paths.Photos(user)}?$skiptoken=",
            $"{Paths.Photos(user)}?$skiptoken=not.base64!",
            $"{Paths.Photos(user)}?$skiptoken={Uri.EscapeDataString(token)}&$skiptoken={Uri.EscapeDataString(token)}",
        })
        {
            await GraphError.AssertAsync(await GetAsync(path, _admin), HttpStatusCode.BadRequest, "BadRequest");
        }

        Assert.Single((await PageAsync(await GetAsync(next, _admin))).Items);
    }

    [Fact]
    public async Task ANextLinkFromOneInstanceWorksOnAnother()
    {
        string user = Paths.NewUser();
        foreach (var batch in Enumerable.Range(0, 101).Chunk(25))
        {
            await Task.WhenAll(batch.Select(_ => CreateAsync(Paths.Photos(user), _admin, "{}")));
        }

        var (_, next) = await PageAsync(await GetAsync(Paths.Photos(user), _admin));
        await using var another = api.StartOwnApi();

        var (items, last) = await PageAsync(await GetAsync(another.Client, next!, _admin));

        Assert.Single(items);
        Assert.Null(last);
    }
}
