using System.Net;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>A whole image means the whole file, over HTTP: a file without its end is a 400; bytes after its end are stored as sent.</summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class WholeFileOverHttpTests(ApiFixture api)
{
    private readonly PhotoContentClient _client = new(api);

    [Fact]
    public async Task APngWithoutItsIendChunkIs400AndThePreviousContentIsStillServed()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] old = TestImages.Jpeg();
        string etag = await _client.StoreAsync(user, token, photo, old, "image/jpeg");

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(200, 150)[..^12], "image/png");

        var error = await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("IEND", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(etag, get.Headers.ETag?.ToString());
        Assert.Equal(old, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AGifOf100000FramesIs400()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.AnimatedGif(100_000), "image/gif");

        await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task AnImageFollowedByOtherBytesIsStoredAndServedExactlyAsSent()
    {
        string user = Paths.NewUser();
        string token = api.Token(TokenRequest.Delegated(user));
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] sent = [.. TestImages.AnimatedGif(2), .. "not part of the image"u8];

        await _client.StoreAsync(user, token, photo, sent, "image/gif");

        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(sent, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
