using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Tests.Content;

public sealed class PhotoContentStoreTests(ContentStorage storage) : IClassFixture<ContentStorage>
{
    private readonly PhotoContentStore _store = storage.Store;
    private readonly string _userId = Guid.NewGuid().ToString();
    private readonly string _photoId = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task UploadedContentReadsBackWholeUnderItsETag()
    {
        byte[] png = TestImages.Png(64, 48);

        var upload = await UploadAsync(png, "image/png");
        var read = await _store.OpenReadAsync(upload.BlobName!, upload.ETag!.Value, CancellationToken.None);

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
    public async Task TheBlobIsStoredUnderUserPhotoAndANewContentIdWithItsContentType()
    {
        var upload = await UploadAsync(TestImages.Jpeg(), "image/jpeg");

        Assert.Matches($"^{_userId}/{_photoId}/[0-9a-f]{{32}}$", upload.BlobName);
        var properties = await storage.Container.GetBlobClient(upload.BlobName).GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);

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
    public async Task EachUploadIsABlobOfItsOwnAndLeavesThePreviousOneWhole()
    {
        byte[] old = TestImages.Png();
        var first = await UploadAsync(old, "image/png");

        var second = await UploadAsync(TestImages.Jpeg(), "image/jpeg");

        Assert.NotEqual(first.BlobName, second.BlobName);
        Assert.Equal(old, await ReadBack(first));
        Assert.Equal(new[] { first.BlobName!, second.BlobName! }.Order(StringComparer.Ordinal), await BlobNames());
    }

    [Fact]
    public async Task AReadUnderAStaleETagIsRefused()
    {
        var first = await UploadAsync(TestImages.Png(), "image/png");
        await storage.Container.GetBlobClient(first.BlobName).UploadAsync(BinaryData.FromBytes(TestImages.Jpeg()), overwrite: true, TestContext.Current.CancellationToken);

        var read = await _store.OpenReadAsync(first.BlobName!, first.ETag!.Value, CancellationToken.None);

        Assert.Equal(ReadOutcome.ETagChanged, read.Outcome);
        Assert.Null(read.Content);
    }

    [Fact]
    public async Task AReadOfContentNeverStoredIsNotFound()
    {
        var read = await _store.OpenReadAsync(PhotoContentStore.NewBlobName(_userId, _photoId), new ETag("\"0x8DC0000000000000\""), CancellationToken.None);

        Assert.Equal(ReadOutcome.NotFound, read.Outcome);
    }

    [Fact]
    public async Task ABodyOf4194305BytesIsRefusedWhileReadingAndNothingIsStored()
    {
        var body = new ChunkedBody(PhotoContentStore.MaxContentBytes + 1);

        var upload = await _store.UploadAsync(_userId, _photoId, "image/png", body, CancellationToken.None);

        Assert.Equal(UploadOutcome.TooLarge, upload.Outcome);
        Assert.False(await BlobExists());
    }

    [Fact]
    public async Task ABodyOfExactly4194304BytesIsNotRefusedForItsSize()
    {
        // Not an image, so it is refused, but for that reason: the limit itself is allowed.
        var upload = await _store.UploadAsync(_userId, _photoId, "image/png", new ChunkedBody(PhotoContentStore.MaxContentBytes), CancellationToken.None);

        Assert.Equal(UploadOutcome.NotAcceptedImage, upload.Outcome);
    }

    [Fact]
    public async Task AnOversizedBodyKeepsThePreviousContent()
    {
        byte[] old = TestImages.Png();
        var stored = await UploadAsync(old, "image/png");

        await _store.UploadAsync(_userId, _photoId, "image/png", new ChunkedBody(PhotoContentStore.MaxContentBytes + 1), CancellationToken.None);

        Assert.Equal(old, await ReadBack(stored));
        Assert.Equal([stored.BlobName!], await BlobNames());
    }

    [Fact]
    public async Task APngDeclaredAsJpegIsRefusedAndThePreviousContentKept()
    {
        byte[] old = TestImages.Jpeg();
        var stored = await UploadAsync(old, "image/jpeg");

        var upload = await UploadAsync(TestImages.Png(), "image/jpeg");

        Assert.Equal(UploadOutcome.NotAcceptedImage, upload.Outcome);
        Assert.Contains("image/png, not image/jpeg", upload.Problem, StringComparison.Ordinal);
        Assert.Equal(old, await ReadBack(stored));
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

        await Assert.ThrowsAsync<IOException>(() => _store.UploadAsync(_userId, _photoId, "image/jpeg", new ChunkedBody(100_000, failAfter: 50_000), CancellationToken.None));

        Assert.Equal(old, await ReadBack(stored));
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

        await Assert.ThrowsAnyAsync<Exception>(() => cuttingStore.UploadAsync(_userId, _photoId, "image/jpeg", new MemoryStream(replacement), CancellationToken.None));

        Assert.Equal(1, cut.CutCount);
        Assert.Equal([stored.BlobName!], await BlobNames());
        var properties = await storage.Container.GetBlobClient(stored.BlobName).GetPropertiesAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((stored.ETag, "image/png", (long)old.Length), (properties.Value.ETag, properties.Value.ContentType, properties.Value.ContentLength));
        Assert.Equal(old, await ReadBack(stored));
    }

    [Fact]
    public async Task DeletingWhatIsNotNamedKeepsTheNamedBlobAndRemovesEveryOtherUploadAndTheEarlierLayoutsBlob()
    {
        var named = await UploadAsync(TestImages.Png(), "image/png");
        await UploadAsync(TestImages.Jpeg(), "image/jpeg");
        await storage.Container.GetBlobClient(PhotoContentStore.LegacyBlobName(_userId, _photoId)).UploadAsync(BinaryData.FromBytes(TestImages.Gif()), TestContext.Current.CancellationToken);

        Assert.Equal(2, await _store.DeleteUnnamedAsync(_userId, _photoId, named.BlobName, replaced: null, onlyLeftovers: false, CancellationToken.None));

        Assert.Equal([named.BlobName!], await BlobNames());
        Assert.False(await storage.Container.GetBlobClient(PhotoContentStore.LegacyBlobName(_userId, _photoId)).ExistsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LeftoversAreOnlyUploadsOlderThanTheLeftoverAge()
    {
        var named = await UploadAsync(TestImages.Png(), "image/png");
        var young = await UploadAsync(TestImages.Jpeg(), "image/jpeg");
        var patient = storage.StoreOver(new BlobServiceClient(storage.Azurite.ConnectionString), leftoverAge: TimeSpan.FromMinutes(1));
        var eager = storage.StoreOver(new BlobServiceClient(storage.Azurite.ConnectionString), leftoverAge: TimeSpan.FromSeconds(-5));

        Assert.Equal(0, await patient.DeleteUnnamedAsync(_userId, _photoId, named.BlobName, replaced: null, onlyLeftovers: true, CancellationToken.None));
        Assert.Equal(1, await eager.DeleteUnnamedAsync(_userId, _photoId, named.BlobName, replaced: null, onlyLeftovers: true, CancellationToken.None));

        Assert.DoesNotContain(young.BlobName!, await BlobNames());
        Assert.Equal([named.BlobName!], await BlobNames());
    }

    [Fact]
    public async Task DeletingEverythingOfAPhotoLeavesNoBlobOfItAndNoneOfAPhotoWhoseIdItPrefixes()
    {
        await UploadAsync(TestImages.Png(), "image/png");
        await UploadAsync(TestImages.Jpeg(), "image/jpeg");
        var neighbour = await _store.UploadAsync(_userId, _photoId + "x", "image/png", new MemoryStream(TestImages.Png()), CancellationToken.None);

        Assert.Equal(2, await _store.DeleteUnnamedAsync(_userId, _photoId, named: null, replaced: null, onlyLeftovers: false, CancellationToken.None));

        Assert.Empty(await BlobNames());
        Assert.True(await storage.Container.GetBlobClient(neighbour.BlobName).ExistsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeletingAUserRemovesAllTheirContentAndNoOneElses()
    {
        string otherUser = Guid.NewGuid().ToString();
        foreach (string photo in new[] { "a", "b", "c" })
        {
            await _store.UploadAsync(_userId, photo, "image/png", new MemoryStream(TestImages.Png()), CancellationToken.None);
        }

        var others = await _store.UploadAsync(otherUser, "a", "image/png", new MemoryStream(TestImages.Png()), CancellationToken.None);

        Assert.Equal(3, await _store.DeleteUserAsync(_userId, CancellationToken.None));
        Assert.Equal(ReadOutcome.Found, (await _store.OpenReadAsync(others.BlobName!, others.ETag!.Value, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task AStoreCreatesTheContainerAgainIfItWasDeleted()
    {
        // Its own Azurite: the container's name is the store's own, so deleting it in the test run's Azurite would take
        // every other test's blobs with it.
        await using var azurite = await Azurite.StartAsync();
        var store = storage.StoreOver(azurite.BlobClient);
        await store.UploadAsync(_userId, _photoId, "image/png", new MemoryStream(TestImages.Png()), CancellationToken.None);
        await azurite.BlobClient.DeleteBlobContainerAsync(PhotoContentStore.ContainerName, cancellationToken: TestContext.Current.CancellationToken);

        // Azurite may keep the name reserved for a moment after a delete; the SDK's retries cover that in Azure too.
        var upload = await RetryAsync(() => store.UploadAsync(_userId, _photoId, "image/png", new MemoryStream(TestImages.Png()), CancellationToken.None));

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
        _store.UploadAsync(_userId, _photoId, contentType, new ChunkedBody(content), CancellationToken.None);

    private async Task<byte[]> ReadBack(PhotoUpload upload)
    {
        var read = await _store.OpenReadAsync(upload.BlobName!, upload.ETag!.Value, CancellationToken.None);
        Assert.Equal(ReadOutcome.Found, read.Outcome);
        await using var content = read.Content!;
        return await BytesOf(content.Content);
    }

    private async Task<bool> BlobExists() => (await BlobNames()).Length > 0;

    /// <summary>The names of this test's photo's blobs, in order.</summary>
    private async Task<string[]> BlobNames()
    {
        var names = new List<string>();
        await foreach (var blob in storage.Container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{_userId}/{_photoId}/" }, TestContext.Current.CancellationToken))
        {
            names.Add(blob.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
