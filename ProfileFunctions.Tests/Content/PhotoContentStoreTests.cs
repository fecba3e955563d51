using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Tests.Content;

public sealed class PhotoContentStoreTests(ContentAzurite storage) : IClassFixture<ContentAzurite>
{
    private readonly PhotoContentStore _store = storage.Store;
    private readonly string _userId = Guid.NewGuid().ToString();
    private readonly string _photoId = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task UploadedContentReadsBackWholeUnderItsETag()
    {
        byte[] png = TestImages.Png(64, 48);

        var upload = await UploadAsync(png, "image/png");
        var read = await _store.OpenReadAsync(_userId, _photoId, upload.ETag!.Value, CancellationToken.None);

        Assert.Equal(UploadOutcome.Stored, upload.Outcome);
        Assert.Equal(png.Length, upload.Length);
        Assert.Equal(new InspectedImage(64, 48, "image/png"), upload.Image);
        Assert.Equal(ReadOutcome.Found, read.Outcome);
        await using var content = read.Content!;
        Assert.Equal("image/png", content.ContentType);
        Assert.Equal(upload.ETag, content.ETag);
        Assert.Equal(png.Length, content.Length);
        Assert.Equal(png, await BytesOf(content.Content));
    }

    [Fact]
    public async Task TheBlobIsStoredUnderUserAndPhotoWithItsContentType()
    {
        var upload = await UploadAsync(TestImages.Jpeg(), "image/jpeg");

        var properties = await storage.Container.GetBlobClient($"{_userId}/{_photoId}").GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("image/jpeg", properties.Value.ContentType);
        Assert.Equal(upload.ETag, properties.Value.ETag);
        Assert.Equal(upload.Length, properties.Value.ContentLength);
    }

    [Fact]
    public async Task EachFormatIsStored()
    {
        foreach (var (bytes, type) in new[] { (TestImages.Png(), "image/png"), (TestImages.Jpeg(), "image/jpeg"), (TestImages.Gif(), "image/gif"), (TestImages.Webp(), "image/webp") })
        {
            var upload = await UploadAsync(bytes, type);
            Assert.Equal((UploadOutcome.Stored, type), (upload.Outcome, upload.Image?.ContentType));
        }
    }

    [Fact]
    public async Task AReadUnderAStaleETagIsRefused()
    {
        var first = await UploadAsync(TestImages.Png(), "image/png");
        await UploadAsync(TestImages.Jpeg(), "image/jpeg");

        var read = await _store.OpenReadAsync(_userId, _photoId, first.ETag!.Value, CancellationToken.None);

        Assert.Equal(ReadOutcome.ETagChanged, read.Outcome);
        Assert.Null(read.Content);
    }

    [Fact]
    public async Task AReadOfContentNeverStoredIsNotFound()
    {
        var read = await _store.OpenReadAsync(_userId, _photoId, new ETag("\"0x8DC0000000000000\""), CancellationToken.None);

        Assert.Equal(ReadOutcome.NotFound, read.Outcome);
    }

    [Fact]
    public async Task ABodyOf4194305BytesIsRefusedWhileReadingAndNothingIsStored()
    {
        var body = new ChunkedBody(PhotoContentStore.MaxContentBytes + 1);

        var upload = await _store.UploadAsync(_userId, _photoId, "image/png", body, null, CancellationToken.None);

        Assert.Equal(UploadOutcome.TooLarge, upload.Outcome);
        Assert.False(await BlobExists());
    }

    [Fact]
    public async Task ABodyOfExactly4194304BytesIsNotRefusedForItsSize()
    {
        // Not an image, so it is refused, but for that reason: the limit itself is allowed.
        var upload = await _store.UploadAsync(_userId, _photoId, "image/png", new ChunkedBody(PhotoContentStore.MaxContentBytes), null, CancellationToken.None);

        Assert.Equal(UploadOutcome.NotAcceptedImage, upload.Outcome);
    }

    [Fact]
    public async Task AnOversizedBodyKeepsThePreviousContent()
    {
        byte[] old = TestImages.Png();
        var stored = await UploadAsync(old, "image/png");

        await _store.UploadAsync(_userId, _photoId, "image/png", new ChunkedBody(PhotoContentStore.MaxContentBytes + 1), null, CancellationToken.None);

        Assert.Equal(old, await ReadBack(stored.ETag!.Value));
    }

    [Fact]
    public async Task APngDeclaredAsJpegIsRefusedAndThePreviousContentKept()
    {
        byte[] old = TestImages.Jpeg();
        var stored = await UploadAsync(old, "image/jpeg");

        var upload = await UploadAsync(TestImages.Png(), "image/jpeg");

        Assert.Equal(UploadOutcome.NotAcceptedImage, upload.Outcome);
        Assert.Contains("image/png, not image/jpeg", upload.Problem, StringComparison.Ordinal);
        Assert.Equal(old, await ReadBack(stored.ETag!.Value));
    }

    [Fact]
    public async Task ATruncatedImageIsRefusedAndNothingIsStored()
    {
        var upload = await UploadAsync(TestImages.Truncated(TestImages.Jpeg(200, 150)), "image/jpeg");

        Assert.Equal(UploadOutcome.NotAcceptedImage, upload.Outcome);
        Assert.False(await BlobExists());
    }

    [Fact]
    public async Task ABodyInterruptedPartWayLeavesThePreviousContent()
    {
        byte[] old = TestImages.Png();
        var stored = await UploadAsync(old, "image/png");

        await Assert.ThrowsAsync<IOException>(() => _store.UploadAsync(_userId, _photoId, "image/jpeg", new ChunkedBody(100_000, failAfter: 50_000), null, CancellationToken.None));

        Assert.Equal(old, await ReadBack(stored.ETag!.Value));
    }

    [Fact]
    public async Task AnUploadToStorageCutOffPartWayLeavesThePreviousContentWhole()
    {
        byte[] old = TestImages.Png(100, 100);
        var stored = await UploadAsync(old, "image/png");
        byte[] replacement = TestImages.Jpeg(400, 300);
        var cut = new CutOffUploads(replacement.Length / 2);
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(cut, HttpPipelinePosition.PerRetry);
        var cuttingStore = storage.StoreOver(new BlobServiceClient(storage.Azurite.ConnectionString, options));

        await Assert.ThrowsAnyAsync<Exception>(() => cuttingStore.UploadAsync(_userId, _photoId, "image/jpeg", new MemoryStream(replacement), null, CancellationToken.None));

        Assert.Equal(1, cut.CutCount);
        var properties = await storage.Container.GetBlobClient($"{_userId}/{_photoId}").GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((stored.ETag, "image/png", (long)old.Length), (properties.Value.ETag, properties.Value.ContentType, properties.Value.ContentLength));
        Assert.Equal(old, await ReadBack(stored.ETag!.Value));
    }

    [Fact]
    public async Task AnUploadUnderTheCurrentETagReplacesTheContent()
    {
        var first = await UploadAsync(TestImages.Png(), "image/png");

        var second = await _store.UploadAsync(_userId, _photoId, "image/webp", new MemoryStream(TestImages.Webp()), first.ETag, CancellationToken.None);

        Assert.Equal(UploadOutcome.Stored, second.Outcome);
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task AnUploadUnderAStaleETagIsRefusedAndStoresNothing()
    {
        var first = await UploadAsync(TestImages.Png(), "image/png");
        var second = await UploadAsync(TestImages.Jpeg(), "image/jpeg");

        var third = await _store.UploadAsync(_userId, _photoId, "image/webp", new MemoryStream(TestImages.Webp()), first.ETag, CancellationToken.None);

        Assert.Equal(UploadOutcome.ConditionFailed, third.Outcome);
        Assert.Equal(ReadOutcome.Found, (await _store.OpenReadAsync(_userId, _photoId, second.ETag!.Value, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AnUploadUnderAnETagWhenThereIsNoContentIsRefused()
    {
        var upload = await _store.UploadAsync(_userId, _photoId, "image/png", new MemoryStream(TestImages.Png()), ETag.All, CancellationToken.None);

        Assert.Equal(UploadOutcome.ConditionFailed, upload.Outcome);
        Assert.False(await BlobExists());
    }

    [Fact]
    public async Task DeletingRemovesTheContentOnce()
    {
        var stored = await UploadAsync(TestImages.Png(), "image/png");

        Assert.True(await _store.DeleteAsync(_userId, _photoId, CancellationToken.None));
        Assert.False(await _store.DeleteAsync(_userId, _photoId, CancellationToken.None));
        Assert.Equal(ReadOutcome.NotFound, (await _store.OpenReadAsync(_userId, _photoId, stored.ETag!.Value, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task DeletingAUserRemovesAllTheirContentAndNoOneElses()
    {
        string otherUser = Guid.NewGuid().ToString();
        foreach (string photo in new[] { "a", "b", "c" })
        {
            await _store.UploadAsync(_userId, photo, "image/png", new MemoryStream(TestImages.Png()), null, CancellationToken.None);
        }

        var others = await _store.UploadAsync(otherUser, "a", "image/png", new MemoryStream(TestImages.Png()), null, CancellationToken.None);

        Assert.Equal(3, await _store.DeleteUserAsync(_userId, CancellationToken.None));
        Assert.Equal(ReadOutcome.Found, (await _store.OpenReadAsync(otherUser, "a", others.ETag!.Value, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AStoreCreatesTheContainerAgainIfItWasDeleted()
    {
        // Its own Azurite, so deleting the container disturbs no other test.
        await using var azurite = await Azurite.StartAsync();
        var store = storage.StoreOver(azurite.BlobClient);
        await store.UploadAsync(_userId, _photoId, "image/png", new MemoryStream(TestImages.Png()), null, CancellationToken.None);
        await azurite.BlobClient.DeleteBlobContainerAsync(PhotoContentStore.ContainerName, cancellationToken: TestContext.Current.CancellationToken);

        // Azurite may keep the name reserved for a moment after a delete; the SDK's retries cover that in Azure too.
        var upload = await RetryAsync(() => store.UploadAsync(_userId, _photoId, "image/png", new MemoryStream(TestImages.Png()), null, CancellationToken.None));

        Assert.Equal(UploadOutcome.Stored, upload.Outcome);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (RequestFailedException) when (attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<byte[]> BytesOf(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private Task<PhotoUpload> UploadAsync(byte[] content, string contentType) =>
        _store.UploadAsync(_userId, _photoId, contentType, new ChunkedBody(content), null, CancellationToken.None);

    private async Task<byte[]> ReadBack(ETag etag)
    {
        var read = await _store.OpenReadAsync(_userId, _photoId, etag, CancellationToken.None);
        Assert.Equal(ReadOutcome.Found, read.Outcome);
        await using var content = read.Content!;
        return await BytesOf(content.Content);
    }

    private async Task<bool> BlobExists() =>
        (await storage.Container.GetBlobClient($"{_userId}/{_photoId}").ExistsAsync()).Value;
}
