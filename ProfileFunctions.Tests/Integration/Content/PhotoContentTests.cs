using System.Net;
using System.Text.Json;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>PUT and GET <c>$value</c>: images that are stored and read back, and every refusal in the contract's order.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class PhotoContentTests(ApiFixture api)
{
    private readonly PhotoContentClient _client = new(api);

    public static TheoryData<string, string> Formats() => new()
    {
        { "png", "image/png" },
        { "jpeg", "image/jpeg" },
        { "gif", "image/gif" },
        { "webp", "image/webp" },
    };

    private static byte[] Image(string format) => format switch
    {
        "png" => TestImages.Png(),
        "jpeg" => TestImages.Jpeg(),
        "gif" => TestImages.Gif(),
        _ => TestImages.Webp(),
    };

    private (string User, string Token) NewUser()
    {
        string user = Paths.NewUser();
        return (user, api.Token(TokenRequest.Delegated(user)));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AnImageOfEachTypeIsStoredAndReadBackByteForByteWithItsTypeAndETag(string format, string contentType)
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] image = Image(format);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, image, contentType);
        var get = await _client.GetAsync(PhotoContentClient.Value("me", photo), token);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.NotNull(put.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(image, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(contentType, get.Content.Headers.ContentType?.ToString());
        Assert.Equal(image.Length, get.Content.Headers.ContentLength);
        Assert.Equal(put.Headers.ETag.ToString(), get.Headers.ETag?.ToString());
        Assert.Equal("private", get.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AContentTypeWithParametersIsItsMediaType()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(), "IMAGE/PNG; name=lake.png");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal("image/png", get.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task ThePhotoResourceCarriesTheImagesSizeAndMediaAnnotationsOnGetAndInTheList()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token, """{"height":480,"width":640,"caption":"lake"}""");
        string etag = await _client.StoreAsync(user, token, photo, TestImages.Jpeg(40, 30), "image/jpeg");

        var read = await _client.GetAsync($"{Paths.Photos(user)}/{photo}", token);
        var list = await _client.GetAsync(Paths.Photos(user), token);
        var value = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);

        string readText = await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var resource = JsonDocument.Parse(readText);
        using var page = JsonDocument.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        foreach (var item in new[] { resource.RootElement, Assert.Single(page.RootElement.GetProperty("value").EnumerateArray()) })
        {
            Assert.Equal("image/jpeg", item.GetProperty("@odata.mediaContentType").GetString());
            Assert.Equal(value.Headers.ETag!.ToString(), item.GetProperty("@odata.mediaEtag").GetString());
            Assert.Equal(etag, item.GetProperty("@odata.mediaEtag").GetString());
            Assert.Equal(30, item.GetProperty("height").GetInt32());
            Assert.Equal(40, item.GetProperty("width").GetInt32());
            Assert.Equal("lake", item.GetProperty("caption").GetString());
        }
    }

    [Fact]
    public async Task APhotoWithoutContentHasNoMediaAnnotations()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var read = await _client.GetAsync($"{Paths.Photos(user)}/{photo}", token);

        string text = await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("@odata.media", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IfNoneMatchWithTheContentsETagIs304WithTheETagAndAnotherTagIs200()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string etag = await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        var same = await _client.GetAsync(PhotoContentClient.Value(user, photo), token, ifNoneMatch: etag);
        var other = await _client.GetAsync(PhotoContentClient.Value(user, photo), token, ifNoneMatch: "\"0x0\"");

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(etag, same.Headers.ETag?.ToString());
        Assert.Empty(await same.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AnotherUploadReplacesTheContentAndItsETag()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string first = await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        string second = await _client.StoreAsync(user, token, photo, TestImages.Webp(20, 10), "image/webp");
        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);

        Assert.NotEqual(first, second);
        Assert.Equal(second, get.Headers.ETag?.ToString());
        Assert.Equal(TestImages.Webp(20, 10), await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadingContentThatWasNeverStoredIs404()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value(user, photo), token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task BothOperationsOnAPhotoThatDoesNotExistAre404()
    {
        var (user, token) = NewUser();
        string path = PhotoContentClient.Value(user, Guid.NewGuid().ToString());

        await GraphError.AssertAsync(await _client.GetAsync(path, token), HttpStatusCode.NotFound, "ResourceNotFound");
        await GraphError.AssertAsync(await _client.PutAsync(path, token, TestImages.Png(), "image/png"), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task WithoutATokenBothOperationsAre401()
    {
        string path = PhotoContentClient.Value(Paths.NewUser(), Guid.NewGuid().ToString());

        var get = await _client.GetAsync(path, token: null);
        var put = await _client.PutAsync(path, token: null, TestImages.Png(), "text/plain");

        await GraphError.AssertAsync(get, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await GraphError.AssertAsync(put, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    [Fact]
    public async Task AMalformedUserIdOrPhotoIdIs400BeforeAnythingElse()
    {
        var (_, token) = NewUser();

        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value("not a user", Guid.NewGuid().ToString()), token), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await _client.PutAsync(PhotoContentClient.Value("me", "not-a-guid"), token, TestImages.Png(), "text/plain"), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value("me", "not-a-guid"), token), HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task AnotherUsersPhotoIs403WhetherItExistsOrNot()
    {
        var (owner, ownerToken) = NewUser();
        string photo = await _client.CreatePhotoAsync(owner, ownerToken);
        await _client.StoreAsync(owner, ownerToken, photo, TestImages.Png(), "image/png");
        var (_, strangerToken) = NewUser();

        foreach (string id in new[] { photo, Guid.NewGuid().ToString() })
        {
            await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value(owner, id), strangerToken), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
            await GraphError.AssertAsync(await _client.PutAsync(PhotoContentClient.Value(owner, id), strangerToken, TestImages.Png(), "text/plain"), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        }

        var stillThere = await _client.GetAsync(PhotoContentClient.Value(owner, photo), ownerToken);
        Assert.Equal(TestImages.Png(), await stillThere.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnApplicationWithTheRoleStoresAnyUsersContent()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string admin = api.Token(TokenRequest.Application("Profile.ReadWrite.All"));

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), admin, TestImages.Gif(), "image/gif");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("image/bmp")]
    [InlineData("image/svg+xml")]
    [InlineData("image")]
    public async Task AnyOtherContentTypeIs415BeforeThePhotoIsLookedFor(string? contentType)
    {
        var (user, token) = NewUser();

        // The photo does not exist: 415 comes first in the contract's order.
        var put = await _client.PutAsync(PhotoContentClient.Value(user, Guid.NewGuid().ToString()), token, TestImages.Png(), contentType);

        var error = await GraphError.AssertAsync(put, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        Assert.Contains("image/webp", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APngDeclaredAsJpegIs400AndNothingIsStored()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(), "image/jpeg");

        var error = await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("image/png", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value(user, photo), token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task TruncatedBytesAre400AndThePreviousContentIsStillServed(string format, string contentType)
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string etag = await _client.StoreAsync(user, token, photo, TestImages.Gif(), "image/gif");
        byte[] whole = format switch { "png" => TestImages.Png(200, 200), "jpeg" => TestImages.Jpeg(200, 200), _ => TestImages.Webp(200, 200) };

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Truncated(whole, 0.6), contentType);

        await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(etag, get.Headers.ETag?.ToString());
        Assert.Equal(TestImages.Gif(), await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BytesThatAreNoImageAre400()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, "not an image at all"u8.ToArray(), "image/png");

        await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task AnImage10001PixelsWideIs400AndOf10000Is204()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var wide = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(10_001, 1), "image/png");
        var widest = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(10_000, 1), "image/png");

        var error = await GraphError.AssertAsync(wide, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("10,000", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, widest.StatusCode);
    }

    [Fact]
    public async Task AHostileHeaderClaimingTooManyPixelsIs400()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.GifClaiming(6000, 6000), "image/gif");

        await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task PostAndDeleteOnValueAre405WithGetAndPutAllowed()
    {
        var (user, token) = NewUser();
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Delete, HttpMethod.Patch })
        {
            var request = new HttpRequestMessage(method, PhotoContentClient.Value(user, Guid.NewGuid().ToString()));
            request.Headers.Authorization = new("Bearer", token);

            var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

            await GraphError.AssertAsync(response, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
            Assert.Equal("GET, PUT", string.Join(", ", response.Content.Headers.Allow));
        }
    }

    [Fact]
    public async Task OnlyTheLiteralDollarValueSegmentIsTheContent()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        var withoutDollar = await _client.GetAsync($"{Paths.Photos(user)}/{photo}/value", token);
        var encoded = await _client.GetAsync($"{Paths.Photos(user)}/{photo}/%24value", token);

        await GraphError.AssertAsync(withoutDollar, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Contains("$value", await withoutDollar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // A percent-encoded '$' is the same segment once decoded (RFC 3986 leaves '$' unreserved only as a sub-delimiter).
        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
    }
}
