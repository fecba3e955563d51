using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Photos;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.PhotoContent;

/// <summary>
/// GET /user/{userId}/photos/{photoId}/{size}/$value: the photo's image scaled to fit one of Graph's sizes. A size is made
/// once per content, by the first request for it, and kept as a blob beside the content (<c>{content}/{size}</c>); its
/// ETag is the content's with the size, so a 304 needs no blob, and it changes whenever the content does.
/// </summary>
[BinaryResponse(StatusCodes.Status200OK, "image/jpeg", "image/png")]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.CacheControl)]
public sealed partial class ReadPhotoSize : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PhotoContentStore _content;
    private readonly PhotoSizeMaker _maker;
    private readonly ILogger<ReadPhotoSize> _logger;

    internal ReadPhotoSize(CallerAccess access, TableStore store, PhotoContentStore content, PhotoSizeMaker maker, ILogger<ReadPhotoSize> logger)
    {
        _access = access;
        _store = store;
        _content = content;
        _maker = maker;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Read(typeof(Stream), 400, 401, 403, 404, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    /// <param name="size">The route's <c>size</c>: one of Graph's, <c>48x48</c> to <c>648x648</c>.</param>
    public async Task<OperationResult<ReadPhotoSize>> HandleAsync(HttpContext context, string userId, string photoId, string size) => new(await ReadAsync(context, userId, photoId, size));

    private async Task<IResult> ReadAsync(HttpContext context, string routeUserId, string routePhotoId, string routeSize)
    {
        bool known = PhotoSize.TryParse(routeSize, out var size);
        var (refusal, userId, rowKey) = await PhotoAccess.CheckAsync(_access, context, routeUserId, routePhotoId, known ? null : $"The size must be one of {PhotoSize.AllNames}.");
        if (refusal is not null)
        {
            return refusal;
        }

        var aborted = context.RequestAborted;
        try
        {
            // A second round only when the content moved on between the read of the row and the read of its blob.
            for (int round = 0; round < 2; round++)
            {
                var (unread, photo) = await PhotoResource.ReadAsync(_store, userId, rowKey, aborted);
                if (unread is not null)
                {
                    return unread;
                }

                if (photo is not { ContentETag: { } contentETag, ContentType: { } contentType, Width: { } width, Height: { } height })
                {
                    return PhotoResource.NoContent(userId, rowKey);
                }

                if (!PhotoSize.OfferedFor(width, height).Contains(size!.Value))
                {
                    return ApiError.NotFound($"Photo '{rowKey}' of user '{userId}' is {width} × {height} and does not offer {size.Value.Name}: it offers {string.Join(", ", PhotoResource.Sizes(photo))}.");
                }

                string etag = SizeETag(contentETag, size.Value);
                if (NotModified.Matches(context.Request.Headers.IfNoneMatch, etag))
                {
                    return new NotModified(etag);
                }

                string contentBlob = photo.ContentBlob ?? PhotoContentStore.LegacyBlobName(userId, rowKey);
                string sizeBlob = PhotoContentStore.SizeBlobName(contentBlob, size.Value);
                if (await _content.OpenSizeAsync(sizeBlob, aborted) is { } kept)
                {
                    return new ContentResponse(kept with { ETag = new ETag(etag) });
                }

                if (await _content.ReadWholeAsync(contentBlob, new ETag(contentETag), aborted) is not { } original)
                {
                    continue;
                }

                var made = await _maker.MakeAsync(original, size.Value, aborted);
                if (made.Busy)
                {
                    LogNoRoomToDecode(userId, rowKey);
                    return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
                }

                if (made.Bytes is not { } bytes)
                {
                    LogUndecodable(userId, rowKey, contentType);
                    return ApiError.NotFound($"Photo '{rowKey}' of user '{userId}' has content that no longer decodes: PUT the image to its $value again.");
                }

                try
                {
                    await _content.StoreSizeAsync(sizeBlob, bytes, made.ContentType!, aborted);
                }
                catch (Exception exception) when (!aborted.IsCancellationRequested && StorageFailure.IsUnavailable(exception))
                {
                    // The size is made and answers this request; the next request makes it again.
                    LogSizeNotKept(exception, userId, rowKey, size.Value.Name);
                }

                LogMade(userId, rowKey, size.Value.Name, bytes.Length);
                return new ContentResponse(new StoredContent(new MemoryStream(bytes, writable: false), made.ContentType!, bytes.Length, new ETag(etag)));
            }
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && StorageFailure.IsUnavailable(exception))
        {
            LogBlobUnavailable(exception, userId, rowKey);
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        // The content moved on twice while this request read it, or its blob went outside the API.
        LogContentMissing(userId, rowKey);
        return PhotoResource.NoContent(userId, rowKey);
    }

    /// <summary>The content's ETag with the size: a strong validator that changes whenever the content does.</summary>
    private static string SizeETag(string contentETag, PhotoSize size) => $"\"{contentETag.Trim('"')}-{size.Name}\"";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Made size {Size} of photo {PhotoId} of {UserId}: {Length} bytes")]
    private partial void LogMade(string userId, string photoId, string size, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Size {Size} of photo {PhotoId} of {UserId} was made but could not be kept in time")]
    private partial void LogSizeNotKept(Exception exception, string userId, string photoId, string size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No room in the decode budget in time to make a size of photo {PhotoId} of {UserId}")]
    private partial void LogNoRoomToDecode(string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored {ContentType} content of photo {PhotoId} of {UserId} does not decode")]
    private partial void LogUndecodable(string userId, string photoId, string contentType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob storage could not be reached in time for photo {PhotoId} of {UserId}")]
    private partial void LogBlobUnavailable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The content of photo {PhotoId} of {UserId} moved on or went while a size was read")]
    private partial void LogContentMissing(string userId, string photoId);
}
