using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Photo content in Blob Storage: container <c>profile-photos</c>, one blob per upload, <c>{userId}/{photoId}/{contentId}</c>
/// (a new GUID each time), with its content type. An upload is spooled, checked, then written in one request under its
/// own new name: no upload ever overwrites the blob the photo entity names, so a failed, interrupted or killed upload
/// leaves the previous content whole and still named. A read opens only the blob the entity names, under its ETag.
/// Rows from before this layout name no blob: theirs is <c>{userId}/{photoId}</c> (<see cref="LegacyBlobName"/>),
/// served as it is and replaced by the next upload.
/// </summary>
internal sealed partial class PhotoContentStore
{
    public const string ContainerName = "profile-photos";

    /// <summary>The largest content accepted: 4 MiB.</summary>
    public const long MaxContentBytes = 4_194_304;

    // The whole file goes in one Put Blob request (Azure accepts up to 5,000 MiB in one), which commits only when the
    // last byte has arrived: an upload cut off part-way changes nothing, and no block list is left to clean up.
    private static readonly StorageTransferOptions OneRequest = new()
    {
        InitialTransferSize = MaxContentBytes,
        MaximumTransferSize = MaxContentBytes,
        MaximumConcurrency = 1,
    };

    private static readonly TimeSpan ContainerCreationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old a blob that the entity does not name must be before a PUT deletes it as a leftover. A younger one may be a
    /// concurrent upload's, written and about to be recorded (an upload records within the storage budget, 8 seconds, or
    /// never); a DELETE or an erasure deletes them all at once, as no upload can record on a row that is gone.
    /// </summary>
    public static readonly TimeSpan DefaultLeftoverAge = TimeSpan.FromMinutes(1);

    private readonly ImageInspector _inspector;
    private readonly ILogger<PhotoContentStore> _logger;
    private readonly SharedTask<BlobContainerClient> _container;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leftoverAge;

    public PhotoContentStore(BlobServiceClient service, ImageInspector inspector, ILogger<PhotoContentStore> logger, TimeProvider? time = null, TimeSpan? leftoverAge = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        _inspector = inspector;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _leftoverAge = leftoverAge ?? DefaultLeftoverAge;
        var container = service.GetBlobContainerClient(ContainerName);

        // Created once per process, by the first request that needs it, not per request.
        _container = new SharedTask<BlobContainerClient>(async () =>
        {
            using var timeout = new CancellationTokenSource(ContainerCreationTimeout);
            await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: timeout.Token);
            return container;
        });
    }

    /// <summary>
    /// Reads <paramref name="body"/> (at most <see cref="MaxContentBytes"/>, counted while reading) into a temporary
    /// file, checks that it is a whole image of <paramref name="contentType"/>, and only then writes it to a new blob of
    /// its own, which nothing names yet: the caller records it in the photo entity (or deletes it).
    /// </summary>
    public async Task<PhotoUpload> UploadAsync(string userId, string photoId, string contentType, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);

        // On disk, not in memory: a chunked body's size is unknown until it ends, and concurrent uploads must not
        // each hold 4 MiB. The file has no name and disappears when closed, whatever happens (UploadSpool).
        await using var spool = UploadSpool.Create();

        try
        {
            await using var limited = new SizeLimitedStream(body, MaxContentBytes);
            await limited.CopyToAsync(spool, cancellationToken);
        }
        catch (ContentTooLargeException)
        {
            LogTooLarge(userId, photoId, MaxContentBytes);
            return new PhotoUpload(UploadOutcome.TooLarge);
        }

        spool.Position = 0;
        var inspection = await _inspector.InspectAsync(spool, contentType, cancellationToken);
        if (inspection.Busy)
        {
            LogNoRoomToDecode(userId, photoId);
            return new PhotoUpload(UploadOutcome.NoRoomToDecode);
        }

        if (inspection.Image is not { } image)
        {
            LogRefused(userId, photoId, inspection.Problem);
            return new PhotoUpload(UploadOutcome.NotAcceptedImage, Problem: inspection.Problem);
        }

        long length = spool.Length;
        string name = NewBlobName(userId, photoId);

        // No condition: the name is new, and a retry of this very request that meets its first attempt's blob overwrites
        // the same bytes.
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = image.ContentType },
            TransferOptions = OneRequest,
        };

        var stored = await WithContainerAsync(async container =>
        {
            spool.Position = 0;
            return await container.GetBlobClient(name).UploadAsync(spool, options, cancellationToken);
        });
        LogStored(userId, photoId, length, image.ContentType, name);
        return new PhotoUpload(UploadOutcome.Stored, stored.Value.ETag, length, image, BlobName: name);
    }

    /// <summary>Opens the blob <paramref name="blobName"/> only if its ETag is <paramref name="etag"/>: never bytes the photo entity does not name.</summary>
    public async Task<PhotoRead> OpenReadAsync(string blobName, ETag etag, CancellationToken cancellationToken)
    {
        var container = await _container.Get();
        var blob = container.GetBlobClient(blobName);
        try
        {
            var download = await WithContainerAsync(_ => blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } },
                cancellationToken));
            var details = download.Value.Details;
            return new PhotoRead(ReadOutcome.Found, new StoredContent(download.Value.Content, details.ContentType, details.ContentLength, details.ETag));
        }
        catch (RequestFailedException failure) when (failure.Status == 412)
        {
            // Azure answers a missing blob 404 whatever the condition, Azurite 412: ask, on this rare path only.
            bool exists = await blob.ExistsAsync(cancellationToken);
            return new PhotoRead(exists ? ReadOutcome.ETagChanged : ReadOutcome.NotFound);
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            return new PhotoRead(ReadOutcome.NotFound);
        }
    }

    /// <summary>The whole content blob <paramref name="blobName"/> if its ETag is still <paramref name="etag"/>; null when it moved on or went.</summary>
    public async Task<byte[]?> ReadWholeAsync(string blobName, ETag etag, CancellationToken cancellationToken)
    {
        var opened = await OpenReadAsync(blobName, etag, cancellationToken);
        if (opened.Content is not { } content)
        {
            return null;
        }

        await using (content)
        {
            byte[] bytes = new byte[content.Length];
            await content.Content.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }
    }

    /// <summary>A new upload's blob name; user and photo ids are validated before they get here, and hold no '/'.</summary>
    internal static string NewBlobName(string userId, string photoId) => $"{userId}/{photoId}/{Guid.NewGuid():N}";

    /// <summary>The blob of one size made from the content blob <paramref name="contentBlob"/>: <c>{contentBlob}/{size}</c>.</summary>
    internal static string SizeBlobName(string contentBlob, PhotoSize size) => $"{contentBlob}/{size.Name}";

    /// <summary>The one blob of a photo in the earlier layout, which rows without a <c>ContentBlob</c> name.</summary>
    internal static string LegacyBlobName(string userId, string photoId) => $"{userId}/{photoId}";

    private async Task<T> WithContainerAsync<T>(Func<BlobContainerClient, Task<T>> action)
    {
        try
        {
            return await action(await _container.Get());
        }
        catch (RequestFailedException failure) when (failure.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // Someone deleted the container after this process created it: create it again, once.
            _container.Forget();
            return await action(await _container.Get());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused content for photo {PhotoId} of {UserId}: over {Limit} bytes")]
    private partial void LogTooLarge(string userId, string photoId, long limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused content for photo {PhotoId} of {UserId}: {Problem}")]
    private partial void LogRefused(string userId, string photoId, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No room in the decode budget in time for the content of photo {PhotoId} of {UserId}")]
    private partial void LogNoRoomToDecode(string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Length} bytes of {ContentType} for photo {PhotoId} of {UserId} as {BlobName}")]
    private partial void LogStored(string userId, string photoId, long length, string contentType, string blobName);
}
