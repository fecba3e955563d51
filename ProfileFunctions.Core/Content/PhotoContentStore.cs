using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Photo content in Blob Storage: container <c>profile-photos</c>, blob <c>{userId}/{photoId}</c>, with its content
/// type. An upload is spooled, checked, then written in one request, so a failed or interrupted upload leaves the
/// previous content whole; a read opens the blob only under the ETag the photo entity names.
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

    private readonly ImageInspector _inspector;
    private readonly ILogger<PhotoContentStore> _logger;
    private readonly SharedTask<BlobContainerClient> _container;

    public PhotoContentStore(BlobServiceClient service, ImageInspector inspector, ILogger<PhotoContentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        _inspector = inspector;
        _logger = logger;
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
    /// file, checks that it is a whole image of <paramref name="contentType"/>, and only then writes it to the blob.
    /// With <paramref name="ifMatch"/>, the write happens only if the stored content still has that ETag.
    /// </summary>
    public async Task<PhotoUpload> UploadAsync(string userId, string photoId, string contentType, Stream body, ETag? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);

        // On disk, not in memory: a chunked body's size is unknown until it ends, and concurrent uploads must not
        // each hold 4 MiB. The file disappears when closed, whatever happens.
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"photo-{Guid.NewGuid():N}.upload"), SpoolOptions());

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
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = image.ContentType },
            Conditions = ifMatch is { } expected ? new BlobRequestConditions { IfMatch = expected } : null,
            TransferOptions = OneRequest,
        };

        try
        {
            var stored = await WithContainerAsync(async container =>
            {
                spool.Position = 0;
                return await container.GetBlobClient(BlobName(userId, photoId)).UploadAsync(spool, options, cancellationToken);
            });
            LogStored(userId, photoId, length, image.ContentType);
            return new PhotoUpload(UploadOutcome.Stored, stored.Value.ETag, length, image);
        }
        catch (RequestFailedException failure) when (failure.Status == 412 || failure.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            // An If-Match on a blob that does not exist is answered 404 BlobNotFound: no content has that ETag either.
            return new PhotoUpload(UploadOutcome.ConditionFailed);
        }
    }

    /// <summary>Opens the content only if its ETag is <paramref name="etag"/>: never bytes the photo entity does not name.</summary>
    public async Task<PhotoRead> OpenReadAsync(string userId, string photoId, ETag etag, CancellationToken cancellationToken)
    {
        var container = await _container.Get();
        var blob = container.GetBlobClient(BlobName(userId, photoId));
        try
        {
            var download = await WithContainerAsync(_ => blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } },
                cancellationToken));
            var details = download.Value.Details;
            return new PhotoRead(ReadOutcome.Found, new PhotoContent(download.Value.Content, details.ContentType, details.ContentLength, details.ETag));
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

    /// <summary>The stored content's ETag now, or null when there is none: which of two racing uploads landed last.</summary>
    public async Task<ETag?> CurrentETagAsync(string userId, string photoId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await WithContainerAsync(container => container.GetBlobClient(BlobName(userId, photoId)).GetPropertiesAsync(cancellationToken: cancellationToken));
            return properties.Value.ETag;
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes the content if there is any; true when something was deleted.</summary>
    public async Task<bool> DeleteAsync(string userId, string photoId, CancellationToken cancellationToken)
    {
        var deleted = await WithContainerAsync(container => container.GetBlobClient(BlobName(userId, photoId))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken));
        return deleted.Value;
    }

    /// <summary>Deletes every photo's content of a user (when the user is erased); returns how many were deleted.</summary>
    public async Task<int> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        await WithContainerAsync(async container =>
        {
            int deleted = 0;
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{userId}/" }, cancellationToken))
            {
                var answer = await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                deleted += answer.Value ? 1 : 0;
            }

            return deleted;
        });

    private static FileStreamOptions SpoolOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Someone else's photo is readable by this process's user only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>The blob's name; user and photo ids are validated before they get here, and hold no '/'.</summary>
    internal static string BlobName(string userId, string photoId) => $"{userId}/{photoId}";

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Length} bytes of {ContentType} for photo {PhotoId} of {UserId}")]
    private partial void LogStored(string userId, string photoId, long length, string contentType);
}
