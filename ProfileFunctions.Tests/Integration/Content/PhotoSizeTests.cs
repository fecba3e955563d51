using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;
using SkiaSharp;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>GET <c>.../{size}/$value</c>: Graph's photo sizes, every status in the contract's order, and their blobs.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class PhotoSizeTests(ApiFixture api)
{
    private readonly PhotoContentClient _client = new(api);

    private Azure.Storage.Blobs.BlobContainerClient Container => api.Azurite.BlobClient.GetBlobContainerClient("profile-photos");

    private static string Size(string user, string photo, string size) => $"/user/{user}/photos/{photo}/{size}/$value";

    private (string User, string Token) NewUser()
    {
        string user = Paths.NewUser();
        return (user, api.Token(TokenRequest.Delegated(user)));
    }

    private async Task<(string User, string Token, string Photo)> PhotoWithAsync(byte[] image, string contentType)
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, photo, image, contentType);
        return (user, token, photo);
    }

    private static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("The size does not decode.");

    private async Task<List<string>> BlobsOfAsync(string user)
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{user}/" }, TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public static TheoryData<string, string, string> Types() => new()
    {
        { "jpeg", "image/jpeg", "image/jpeg" },
        { "png", "image/png", "image/png" },
        { "gif", "image/gif", "image/png" },
        { "webp", "image/webp", "image/png" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task EachTypeGivesItsSizeScaledToFitWithItsTypeETagAndCacheControlAndA304(string format, string contentType, string sizeType)
    {
        byte[] image = format switch
        {
            "jpeg" => TestImages.Jpeg(700, 500),
            "png" => TestImages.Png(700, 500),
            "gif" => TestImages.AnimatedGif(700, 500, SKColors.Red, SKColors.Blue),
            _ => TestImages.Webp(700, 500),
        };
        var (user, token, photo) = await PhotoWithAsync(image, contentType);

        var get = await _client.GetAsync(Size(user, photo, "48x48"), token);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(sizeType, get.Content.Headers.ContentType?.ToString());
        Assert.Equal("private", get.Headers.CacheControl?.ToString());
        byte[] bytes = await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(bytes.Length, get.Content.Headers.ContentLength);
        using var size = Decode(bytes);
        using var original = Decode(image);
        Assert.Equal(48, Math.Max(size.Width, size.Height));
        Assert.Equal((double)original.Width / original.Height, (double)size.Width / size.Height, 1);
        if (format == "gif")
        {
            // The animation's first frame.
            Assert.Equal(SKColors.Red, size.GetPixel(24, 17));
        }

        string etag = get.Headers.ETag!.ToString();
        var again = await _client.GetAsync(Size(user, photo, "48x48"), token, ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag?.ToString());
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A100By80ImageOffersFourSizesAndIsNeverEnlarged()
    {
        var (user, token, photo) = await PhotoWithAsync(TestImages.Png(100, 80), "image/png");

        using var resource = JsonDocument.Parse(await (await _client.GetAsync($"{Paths.Photos(user)}/{photo}", token)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["48x48", "64x64", "96x96", "120x120"], resource.RootElement.GetProperty("sizes").EnumerateArray().Select(size => size.GetString()));

        var largest = await _client.GetAsync(Size(user, photo, "120x120"), token);
        Assert.Equal(HttpStatusCode.OK, largest.StatusCode);
        using var bitmap = Decode(await largest.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal((100, 80), (bitmap.Width, bitmap.Height));

        var scaled = await _client.GetAsync(Size(user, photo, "64x64"), token);
        using var smaller = Decode(await scaled.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal((64, 51), (smaller.Width, smaller.Height));

        var notOffered = await _client.GetAsync(Size(user, photo, "240x240"), token);
        var error = await GraphError.AssertAsync(notOffered, HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Contains("120x120", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALargeImageOffersAllNineAndAPhotoWithoutContentOffersNone()
    {
        var (user, token, photo) = await PhotoWithAsync(TestImages.Png(700, 20), "image/png");
        string bare = await _client.CreatePhotoAsync(user, token);

        using var list = JsonDocument.Parse(await (await _client.GetAsync(Paths.Photos(user), token)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var photos = list.RootElement.GetProperty("value").EnumerateArray().ToDictionary(item => item.GetProperty("id").GetString()!);

        Assert.Equal(["48x48", "64x64", "96x96", "120x120", "240x240", "360x360", "432x432", "504x504", "648x648"], photos[photo].GetProperty("sizes").EnumerateArray().Select(size => size.GetString()));
        Assert.False(photos[bare].TryGetProperty("sizes", out _));
        await GraphError.AssertAsync(await _client.GetAsync(Size(user, bare, "48x48"), token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task ChecksComeInTheContractsOrder()
    {
        var (user, token, photo) = await PhotoWithAsync(TestImages.Png(), "image/png");
        string stranger = api.Token(TokenRequest.Delegated(Paths.NewUser()));

        await GraphError.AssertAsync(await _client.GetAsync(Size(user, photo, "50x50"), token: null), HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
        await GraphError.AssertAsync(await _client.GetAsync(Size(user, "not-a-guid", "50x50"), stranger), HttpStatusCode.BadRequest, "BadRequest");
        var unknown = await GraphError.AssertAsync(await _client.GetAsync(Size(user, photo, "50x50"), stranger), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("48x48, 64x64, 96x96, 120x120, 240x240, 360x360, 432x432, 504x504, 648x648", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
        await GraphError.AssertAsync(await _client.GetAsync(Size(user, photo, "48X48"), token), HttpStatusCode.BadRequest, "BadRequest");
        await GraphError.AssertAsync(await _client.GetAsync(Size(user, photo, "48x48"), stranger), HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        await GraphError.AssertAsync(await _client.GetAsync(Size(user, Guid.NewGuid().ToString(), "48x48"), token), HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Size("me", photo, "48x48"), token)).StatusCode);
    }

    [Fact]
    public async Task ExifOrientationIsApplied()
    {
        // Stored 80 × 40, red on the left and blue on the right, with orientation 6 (turn 90° clockwise to show): shown
        // 40 × 80, red on top.
        var (user, token, photo) = await PhotoWithAsync(WithExifOrientation(TwoColours(80, 40, SKColors.Red, SKColors.Blue, SKEncodedImageFormat.Jpeg), 6), "image/jpeg");

        var get = await _client.GetAsync(Size(user, photo, "48x48"), token);

        using var bitmap = Decode(await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal((24, 48), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.GetPixel(12, 6).Red > 200 && bitmap.GetPixel(12, 6).Blue < 60, $"top is {bitmap.GetPixel(12, 6)}");
        Assert.True(bitmap.GetPixel(12, 42).Blue > 200 && bitmap.GetPixel(12, 42).Red < 60, $"bottom is {bitmap.GetPixel(12, 42)}");
    }

    [Fact]
    public async Task APngKeepsItsTransparency()
    {
        var (user, token, photo) = await PhotoWithAsync(TwoColours(200, 100, SKColors.Transparent, SKColors.Green, SKEncodedImageFormat.Png), "image/png");

        var get = await _client.GetAsync(Size(user, photo, "96x96"), token);

        Assert.Equal("image/png", get.Content.Headers.ContentType?.ToString());
        using var bitmap = Decode(await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal((96, 48), (bitmap.Width, bitmap.Height));
        Assert.Equal(0, bitmap.GetPixel(10, 24).Alpha);
        Assert.Equal(255, bitmap.GetPixel(86, 24).Alpha);
    }

    [Fact]
    public async Task ASizeIsMadeOnceAndKeptBesideItsContent()
    {
        var (user, token, photo) = await PhotoWithAsync(TestImages.Jpeg(300, 200), "image/jpeg");
        var first = await _client.GetAsync(Size(user, photo, "96x96"), token);
        byte[] made = await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        string content = Assert.Single(await BlobsOfAsync(user), name => name.Split('/').Length == 3);
        Assert.Contains($"{content}/96x96", await BlobsOfAsync(user));

        // Without the content blob, the size can only come from what the first request kept.
        await Container.GetBlobClient(content).DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
        var second = await _client.GetAsync(Size(user, photo, "96x96"), token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(made, await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task ANewUploadChangesTheETagAndRemovesTheOldSizes()
    {
        var (user, token, photo) = await PhotoWithAsync(TestImages.Png(300, 200), "image/png");
        var before = await _client.GetAsync(Size(user, photo, "48x48"), token);
        Assert.Contains(await BlobsOfAsync(user), name => name.EndsWith("/48x48", StringComparison.Ordinal));

        await _client.StoreAsync(user, token, photo, TestImages.Png(200, 300), "image/png");
        var after = await _client.GetAsync(Size(user, photo, "48x48"), token, ifNoneMatch: before.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        using var bitmap = Decode(await after.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal((32, 48), (bitmap.Width, bitmap.Height));
        var blobs = await BlobsOfAsync(user);
        string content = Assert.Single(blobs, name => name.Split('/').Length == 3);
        Assert.Equal([content, $"{content}/48x48"], blobs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeletingThePhotoOrErasingTheUserRemovesItsSizes()
    {
        var (user, token, photo) = await PhotoWithAsync(TestImages.Png(300, 200), "image/png");
        string other = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, other, TestImages.Png(300, 200), "image/png");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Size(user, photo, "48x48"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Size(user, other, "64x64"), token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"{Paths.Photos(user)}/{photo}", token)).StatusCode);
        Assert.DoesNotContain(await BlobsOfAsync(user), name => name.StartsWith($"{user}/{photo}", StringComparison.Ordinal));
        Assert.Equal(2, (await BlobsOfAsync(user)).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/user/{user}", token)).StatusCode);
        Assert.Empty(await BlobsOfAsync(user));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>An image whose left half is <paramref name="left"/> and right half <paramref name="right"/>.</summary>
    private static byte[] TwoColours(int width, int height, SKColor left, SKColor right, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, x < width / 2 ? left : right);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95)!;
        return data.ToArray();
    }

    /// <summary>The JPEG with an Exif APP1 segment right after its SOI, holding only the orientation tag (0x0112).</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] exif = [.. Encoding.ASCII.GetBytes("Exif"), 0, 0, .. tiff];
        int length = exif.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, .. jpeg[2..]];
    }
}
