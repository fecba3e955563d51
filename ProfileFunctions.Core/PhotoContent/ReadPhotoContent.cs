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
/// GET /user/{userId}/photos/{photoId}/$value: the photo's image, as stored. The blob the photo entity names is opened
/// only under the ETag it names, so a read never returns bytes the entity does not name (an upload stored but not yet
/// recorded is not served).
/// </summary>
[BinaryResponse(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/gif", "image/webp")]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.CacheControl)]
public sealed partial class ReadPhotoContent : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PhotoContentStore _content;
    private readonly ILogger<ReadPhotoContent> _logger;

    internal ReadPhotoContent(CallerAccess access, TableStore store, PhotoContentStore content, ILogger<ReadPhotoContent> logger)
    {
        _access = access;
        _store = store;
        _content = content;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Read(typeof(Stream), 400, 401, 403, 404, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadPhotoContent>> HandleAsync(HttpContext context, string userId, string photoId) => new(await ReadAsync(context, userId, photoId));

    private async Task<IResult> ReadAsync(HttpContext context, string routeUserId, string routePhotoId)
    {
        var (refusal, userId, rowKey) = await PhotoAccess.CheckAsync(_access, context, routeUserId, routePhotoId);
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
            var (unread, photo) = await PhotoResource.ReadAsync(_store, userId, rowKey, aborted);
            if (unread is not null)
            {
                return unread;
            }

            if (photo!.ContentETag is not { } named)
            {
                return PhotoResource.NoContent(userId, rowKey);
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
                opened = await _content.OpenReadAsync(blobName, new ETag(named), aborted);
            }
            catch (Exception exception) when (!aborted.IsCancellationRequested && StorageFailure.IsUnavailable(exception))
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
        return outcome == ReadOutcome.NotFound ? PhotoResource.NoContent(userId, rowKey) : ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob storage could not be reached in time for photo {PhotoId} of {UserId}")]
    private partial void LogBlobUnavailable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The content of photo {PhotoId} of {UserId} is not version {ContentETag} that the photo names, or is gone")]
    private partial void LogContentMissing(string userId, string photoId, string? contentETag);
}
