using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using ProfileFunctions.Tests.Content;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration.Content;

/// <summary>
/// What $value leaves in storage, checked in Azurite itself: the blob and the entity that names it; the size limit while
/// reading; If-Match; an upload that fails part-way.
/// </summary>
[Collection(ApiCollectionDefinition.Name)]
[Trait(ApiCollectionDefinition.Lane, ApiCollectionDefinition.ContractLane)]
public sealed class PhotoContentStorageTests(ApiFixture api)
{
    private const int Limit = 4_194_304;

    private readonly PhotoContentClient _client = new(api);

    private (string User, string Token) NewUser()
    {
        string user = Paths.NewUser();
        return (user, api.Token(TokenRequest.Delegated(user)));
    }

    private Azure.Storage.Blobs.BlobContainerClient Container => api.Azurite.BlobClient.GetBlobContainerClient("profile-photos");

    /// <summary>The blob the photo entity names now.</summary>
    private async Task<Azure.Storage.Blobs.BlobClient> Blob(string user, string photo) =>
        Container.GetBlobClient((await EntityAsync(user, photo)).GetString("ContentBlob"));

    private async Task<List<string>> BlobsOfAsync(string user, string photo)
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{user}/{photo}" }, TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private async Task<TableEntity> EntityAsync(string user, string photo) =>
        (await api.Azurite.Client.GetTableClient("ProfilePhotos").GetEntityAsync<TableEntity>(user, photo, cancellationToken: TestContext.Current.CancellationToken)).Value;

    [Fact]
    public async Task TheBlobHoldsTheBytesWithTheirTypeAndTheEntityNamesItsVersionLengthAndSize()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token, """{"height":1,"width":2}""");
        byte[] image = TestImages.Jpeg(64, 48);

        string etag = await _client.StoreAsync(user, token, photo, image, "image/jpeg");

        Assert.Matches($"^{user}/{photo}/[0-9a-f]{{32}}$", (await EntityAsync(user, photo)).GetString("ContentBlob"));
        Assert.Equal([(await EntityAsync(user, photo)).GetString("ContentBlob")], await BlobsOfAsync(user, photo));
        var blob = await (await Blob(user, photo)).DownloadContentAsync(TestContext.Current.CancellationToken);
        Assert.Equal(image, blob.Value.Content.ToArray());
        Assert.Equal("image/jpeg", blob.Value.Details.ContentType);
        Assert.Equal(etag, blob.Value.Details.ETag.ToString("H"));

        var entity = await EntityAsync(user, photo);
        Assert.Equal("image/jpeg", entity.GetString("ContentType"));
        Assert.Equal(image.Length, entity.GetInt64("ContentLength"));
        Assert.IsType<long>(entity["ContentLength"]);
        Assert.Equal(etag, entity.GetString("ContentETag"));
        Assert.Equal(48, entity.GetInt32("Height"));
        Assert.Equal(64, entity.GetInt32("Width"));
    }

    [Fact]
    public async Task ABodyOneByteOverTheLimitSentChunkedIs413WhileReadingAndNothingIsStored()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        var body = new ChunkedBody(Limit + 1);
        var content = new StreamContent(body);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, content, "image/png");

        await GraphError.AssertAsync(put, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        Assert.Null(content.Headers.ContentLength);
        Assert.Empty(await BlobsOfAsync(user, photo));
        Assert.False((await EntityAsync(user, photo)).ContainsKey("ContentETag"));
    }

    [Fact]
    public async Task ADeclaredLengthOverTheLimitIs413AndThePreviousContentIsKept()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string etag = await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, new byte[Limit + 1], "image/png");

        await GraphError.AssertAsync(put, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        Assert.Equal(etag, (await (await Blob(user, photo)).GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.ETag.ToString("H"));
    }

    [Fact]
    public async Task ABodyOfExactlyTheLimitIsReadWholeAndJudgedAsAnImage()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] padded = new byte[Limit];
        TestImages.Png().CopyTo(padded, 0);

        // A PNG followed by zero bytes up to the limit: within the limit, so it is judged by its bytes (Skia ignores what follows IEND).
        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, new StreamContent(new ChunkedBody(padded)), "image/png");

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
    }

    [Fact]
    public async Task AnUploadTheClientAbortsPartWayLeavesTheOldContentServed()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] old = TestImages.Png();
        string etag = await _client.StoreAsync(user, token, photo, old, "image/png");
        byte[] next = TestImages.Jpeg(400, 400);

        // The client's body fails after a third of the image: over a real socket, the client drops the connection mid-body
        // (an in-memory client would only give up at its own 100-second timeout). It fails at once with its own error.
        await using var listening = api.StartListeningApi();
        using var client = new HttpClient { BaseAddress = listening.Address };
        using var put = new HttpRequestMessage(HttpMethod.Put, PhotoContentClient.Value(user, photo)) { Content = new StreamContent(new AbortingBody(next, next.Length / 3)) };
        put.Content.Headers.ContentType = new("image/jpeg");
        put.Headers.Authorization = new("Bearer", token);
        using var quickly = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        quickly.CancelAfter(TimeSpan.FromSeconds(15));
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(put, quickly.Token));
        Assert.Contains(AbortingBody.Message, failure.ToString(), StringComparison.Ordinal);

        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(etag, get.Headers.ETag?.ToString());
        Assert.Equal(old, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(etag, (await (await Blob(user, photo)).GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value.ETag.ToString("H"));
        Assert.Equal(etag, (await EntityAsync(user, photo)).GetString("ContentETag"));
    }

    [Fact]
    public async Task IfMatchWithTheContentsETagOrStarReplacesIt()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string first = await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        var exact = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Gif(), "image/gif", ifMatch: first);
        var star = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Webp(), "image/webp", ifMatch: "*");

        Assert.Equal(HttpStatusCode.NoContent, exact.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, star.StatusCode);
        Assert.Equal(star.Headers.ETag?.ToString(), (await EntityAsync(user, photo)).GetString("ContentETag"));
    }

    [Fact]
    public async Task AStaleIfMatchIs412BeforeTheBodyIsJudgedAndNothingChanges()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        string first = await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");
        string second = await _client.StoreAsync(user, token, photo, TestImages.Gif(), "image/gif");

        // Bytes that are no image: the 412 comes first in the contract's order.
        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, "not an image"u8.ToArray(), "image/png", ifMatch: first);

        await GraphError.AssertAsync(put, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal(second, (await EntityAsync(user, photo)).GetString("ContentETag"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"0x8DD00000000000\"")]
    public async Task AnyIfMatchBeforeThereIsContentIs412(string ifMatch)
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(), "image/png", ifMatch);

        await GraphError.AssertAsync(put, HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Empty(await BlobsOfAsync(user, photo));
    }

    [Fact]
    public async Task AMalformedIfMatchIs400()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Png(), "image/png", ifMatch: "no quotes");

        await GraphError.AssertAsync(put, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task ABlobThatTheEntityDoesNotNameIsNeverServed()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[] image = TestImages.Png();
        string etag = await _client.StoreAsync(user, token, photo, image, "image/png");

        // As if an upload stored its blob and its process died before recording it in the entity.
        await Container.GetBlobClient($"{user}/{photo}/{Guid.NewGuid():N}").UploadAsync(BinaryData.FromBytes(TestImages.Gif()), TestContext.Current.CancellationToken);

        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(etag, get.Headers.ETag?.ToString());
        Assert.Equal(image, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EachUploadIsANewBlobAndTheOneItReplacedIsDeleted()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");
        string first = (await EntityAsync(user, photo)).GetString("ContentBlob");

        await _client.StoreAsync(user, token, photo, TestImages.Jpeg(), "image/jpeg");

        string second = (await EntityAsync(user, photo)).GetString("ContentBlob");
        Assert.NotEqual(first, second);
        Assert.Equal([second], await BlobsOfAsync(user, photo));
    }

    [Fact]
    public async Task APhotoStoredBeforeOneBlobPerUploadIsServedAndReplacedByItsNextPutUnderItsETag()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        // The earlier layout: the blob {userId}/{photoId}, and a row that names its ETag and no blob.
        byte[] legacy = TestImages.Jpeg(50, 40);
        var written = await Container.GetBlobClient($"{user}/{photo}").UploadAsync(
            new MemoryStream(legacy), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } }, TestContext.Current.CancellationToken);
        var table = api.Azurite.Client.GetTableClient("ProfilePhotos");
        var row = await EntityAsync(user, photo);
        await Container.DeleteBlobAsync(row.GetString("ContentBlob"), cancellationToken: TestContext.Current.CancellationToken);
        row.Remove("ContentBlob");
        row["ContentETag"] = written.Value.ETag.ToString("H");
        row["ContentType"] = "image/jpeg";
        row["ContentLength"] = (long)legacy.Length;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, TestContext.Current.CancellationToken);

        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(written.Value.ETag.ToString("H"), get.Headers.ETag?.ToString());
        Assert.Equal(legacy, await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        var put = await _client.PutAsync(PhotoContentClient.Value(user, photo), token, TestImages.Webp(), "image/webp", ifMatch: written.Value.ETag.ToString("H"));

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        string named = (await EntityAsync(user, photo)).GetString("ContentBlob");
        Assert.Equal([named], await BlobsOfAsync(user, photo));
        var replaced = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(TestImages.Webp(), await replaced.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ContentWhoseBlobWasRemovedIs404()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        await _client.StoreAsync(user, token, photo, TestImages.Png(), "image/png");

        await (await Blob(user, photo)).DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);

        await GraphError.AssertAsync(await _client.GetAsync(PhotoContentClient.Value(user, photo), token), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task ConcurrentUploadsLeaveTheEntityNamingTheBlobThatIsStored()
    {
        var (user, token) = NewUser();
        string photo = await _client.CreatePhotoAsync(user, token);
        byte[][] images = [.. Enumerable.Range(1, 8).Select(n => TestImages.Png(n * 10, n * 10))];

        var puts = await Task.WhenAll(images.Select(image => _client.PutAsync(PhotoContentClient.Value(user, photo), token, image, "image/png")));

        Assert.All(puts, put => Assert.Equal(HttpStatusCode.NoContent, put.StatusCode));

        // Each upload deleted the one it replaced: one blob is left, the one named.
        Assert.Equal([(await EntityAsync(user, photo)).GetString("ContentBlob")], await BlobsOfAsync(user, photo));
        var blob = await (await Blob(user, photo)).DownloadContentAsync(TestContext.Current.CancellationToken);
        var entity = await EntityAsync(user, photo);
        Assert.Equal(blob.Value.Details.ETag.ToString("H"), entity.GetString("ContentETag"));
        Assert.Equal(blob.Value.Content.ToArray().Length, entity.GetInt64("ContentLength"));
        var get = await _client.GetAsync(PhotoContentClient.Value(user, photo), token);
        Assert.Equal(blob.Value.Content.ToArray(), await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A request body that fails part-way, as a client that drops its connection mid-upload.</summary>
    private sealed class AbortingBody(byte[] content, int failAfter) : Stream
    {
        public const string Message = "The client gave up part-way through the upload.";

        private int _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _sent;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent >= failAfter)
            {
                throw new IOException(Message);
            }

            int n = Math.Min(Math.Min(count, 8192), failAfter - _sent);
            content.AsSpan(_sent, n).CopyTo(buffer.AsSpan(offset));
            _sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
