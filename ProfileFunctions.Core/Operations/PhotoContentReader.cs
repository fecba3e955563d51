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
/// A photo's content read: access, the photo, then the blob the photo entity names opened only under the ETag it names, so
/// that a read never returns bytes the entity does not name (an upload stored but not yet recorded is not served).
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
        var outcome = ReadOutcome.NotFound;

        // A second round only when the named blob was gone or moved on: a newer upload recorded just now, which deletes
        // the blob it replaced after the entity moved, so the entity read again names the new one.
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

            var photo = read.Value!;
            if (photo.ContentETag is not { } named)
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
                // Rows from before one blob per upload name no blob: theirs is the photo's one blob.
                string blobName = photo.ContentBlob ?? PhotoContentStore.LegacyBlobName(userId, rowKey);
                opened = await content.OpenReadAsync(blobName, new ETag(named), aborted);
            }
            catch (Exception exception) when (!aborted.IsCancellationRequested && ResourceStore.IsUnavailable(exception))
            {
                LogBlobUnavailable(exception, userId, rowKey);
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
            }

            outcome = opened.Outcome;
            if (outcome == ReadOutcome.Found)
            {
                return new ContentResponse(opened.Content!);
            }
        }

        // The entity still names a blob that is gone (removed outside the API): 404. Or a blob that is not the version it
        // names: a row of the earlier layout whose one blob an upload overwrote and then did not record; never serve it
        // (the next PUT, with or without If-Match, replaces it).
        LogContentMissing(userId, rowKey, previous);
        return outcome == ReadOutcome.NotFound ? NoContent(userId, rowKey) : ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
    }

    private static ApiError NoContent(string userId, string rowKey) =>
        ApiError.NotFound($"Photo '{rowKey}' of user '{userId}' has no content: PUT the image to its $value first.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob storage could not be reached in time for photo {PhotoId} of {UserId}")]
    private partial void LogBlobUnavailable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The content of photo {PhotoId} of {UserId} is not version {ContentETag} that the photo names, or is gone")]
    private partial void LogContentMissing(string userId, string photoId, string? contentETag);
}
