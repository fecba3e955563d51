using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace ProfileFunctions.Core.Content;

// The photo sizes made from a content blob: each kept as {content}/{size}, written once.
internal sealed partial class PhotoContentStore
{
    /// <summary>A size made before, <paramref name="blobName"/> (<see cref="SizeBlobName"/>); null when none is stored yet.</summary>
    public async Task<StoredContent?> OpenSizeAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await WithContainerAsync(container => container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken));
            var details = download.Value.Details;
            return new StoredContent(download.Value.Content, details.ContentType, details.ContentLength, details.ETag);
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps a made size, unless one is there already: storage decides between instances that made it at once (the first
    /// write wins, the others' bytes are the same image and are dropped).
    /// </summary>
    public async Task StoreSizeAsync(string blobName, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await WithContainerAsync(container => container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), options, cancellationToken));
        }
        catch (RequestFailedException failure) when (failure.Status is 409 or 412)
        {
            LogSizeKeptAlready(blobName);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Size {BlobName} was made at the same time elsewhere; the first one is kept")]
    private partial void LogSizeKeptAlready(string blobName);
}
