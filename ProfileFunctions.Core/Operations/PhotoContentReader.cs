using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Operations;

/// <summary>
/// A photo's content read: access, the photo, then the blob opened only under the ETag the photo entity names, so that
/// a read never returns bytes the entity does not name (an upload stored but not yet recorded is not served).
/// </summary>
internal sealed partial class PhotoContentReader(CallerAccess access, ResourceStore store, PhotoContentStore content, ILogger<PhotoContentReader> logger)
{
    public async Task<IResult> ReadAsync(HttpContext context, string routeUserId, string photoId)
    {
        var (refusal, userId, rowKey) = await ResourceAccess.CheckAsync(access, context, routeUserId, ResourceDefinition.Photo, photoId);
        if (refusal is not null)
        {
            return refusal;
        }

        var aborted = context.RequestAborted;
        string? previous = null;

        // A second round only when the blob moved on from what the entity named: a newer upload being recorded now.
        for (int round = 0; round < 2; round++)
        {
            var read = await store.ReadAsync<PhotoEntity>(userId, rowKey, aborted);
            if (read.Outcome == StoreOutcome.NotFound)
            {
                return ApiError.NotFound(ResourceDefinition.Photo.Missing(userId, rowKey));
            }

            if (read.Outcome != StoreOutcome.Done)
            {
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            if (read.Value!.ContentETag is not { } named)
            {
                return NoContent(userId, rowKey);
            }

            if (NotModified.Matches(context.Request.Headers.IfNoneMatch, named))
            {
                return new NotModified(named);
            }

            if (named == previous)
            {
                break;
            }

            previous = named;
            PhotoRead opened;
            try
            {
                opened = await content.OpenReadAsync(userId, rowKey, new ETag(named), aborted);
            }
            catch (Exception exception) when (!aborted.IsCancellationRequested && ResourceStore.IsUnavailable(exception))
            {
                LogBlobUnavailable(exception, userId, rowKey);
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            switch (opened.Outcome)
            {
                case ReadOutcome.Found:
                    return new ContentResponse(opened.Content!);
                case ReadOutcome.NotFound:
                    return NoContent(userId, rowKey);
            }
        }

        // The blob is not the version the entity names, and the entity still names it: an upload is stored but was not
        // recorded (yet, or ever). Never serve it; the client retries, and the next upload repairs it.
        LogContentMismatch(userId, rowKey, previous);
        return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
    }

    private static ApiError NoContent(string userId, string rowKey) =>
        ApiError.NotFound($"Photo '{rowKey}' of user '{userId}' has no content: PUT the image to its $value first.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob storage could not be reached in time for photo {PhotoId} of {UserId}")]
    private partial void LogBlobUnavailable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The content of photo {PhotoId} of {UserId} is not version {ContentETag} that the photo names")]
    private partial void LogContentMismatch(string userId, string photoId, string? contentETag);
}
