using System.Diagnostics;
using Azure.Data.Tables;
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
/// PUT /user/{userId}/photos/{photoId}/$value: stores the photo's image (JPEG, PNG, GIF or WebP, at most 4 MiB). Access,
/// the request's headers, the photo, its <c>If-Match</c>, then the bytes into a new blob of this upload's own, and only
/// then the photo entity naming it, written conditionally on the entity's ETag. Until that entity write lands, reads serve
/// the previous content whole (its blob is never overwritten); once it has, the blob the entity named before is deleted,
/// and any leftover of an upload that never got recorded.
/// </summary>
[RequestBody(null, "image/jpeg", "image/png", "image/gif", "image/webp")]
[ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
public sealed partial class WritePhotoContent : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PhotoContentStore _content;
    private readonly PhotoContentCleanup _cleanup;
    private readonly ILogger<WritePhotoContent> _logger;

    internal WritePhotoContent(CallerAccess access, TableStore store, PhotoContentStore content, PhotoContentCleanup cleanup, ILogger<WritePhotoContent> logger)
    {
        _access = access;
        _store = store;
        _content = content;
        _cleanup = cleanup;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Delete(400, 401, 403, 404, 412, 413, 415, 429, 500, 503);

    /// <param name="context">The request; its body is the image.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<WritePhotoContent>> HandleAsync(HttpContext context, string userId, string photoId) => new(await WriteAsync(context, userId, photoId));

    private async Task<IResult> WriteAsync(HttpContext context, string routeUserId, string routePhotoId)
    {
        var (refusal, userId, rowKey) = await PhotoAccess.CheckAsync(_access, context, routeUserId, routePhotoId);
        if (refusal is not null)
        {
            return refusal;
        }

        var request = context.Request;
        if (ContentTypeRule.MediaTypeOf(request.ContentType) is not { } mediaType || !PhotoContentTypes.IsSupported(mediaType))
        {
            return ApiError.UnsupportedMediaType($"A photo's content must be sent with Content-Type {string.Join(", ", PhotoContentTypes.All)}.");
        }

        if (!IfMatch.TryRead(request, out var ifMatch, out refusal))
        {
            return refusal;
        }

        var aborted = context.RequestAborted;
        var (unread, read) = await PhotoResource.ReadAsync(_store, userId, rowKey, aborted);
        if (unread is not null)
        {
            return unread;
        }

        var photo = read!;

        // If-Match names the content's version (not the photo entity's): with no content yet, nothing matches, not even *.
        // It is checked again when the upload is recorded, against the entity as it is then.
        if (ifMatch is not null && (photo.ContentETag is null || !ifMatch.Matches(photo.ContentETag)))
        {
            return ApiError.PreconditionFailed(photo.ContentETag is null
                ? "The photo has no content yet, so If-Match matches nothing: send the first content without If-Match."
                : "The photo's content has changed since the ETag in If-Match: read it again ($value) and retry with its ETag.");
        }

        // A declared length already over the limit is refused before a byte is read; a chunked body is counted as it comes.
        if (request.ContentLength > PhotoContentStore.MaxContentBytes)
        {
            return TooLarge();
        }

        PhotoUpload upload;
        try
        {
            upload = await _content.UploadAsync(userId, rowKey, mediaType, request.Body, aborted);
        }
        catch (IOException exception) when (exception is BadHttpRequestException || aborted.IsCancellationRequested)
        {
            // The body itself is malformed or ended early (Kestrel's framing errors), or the client went away part-way;
            // nothing was stored, and the previous content is still the one served.
            LogBodyUnreadable(exception, userId, rowKey);
            return ApiError.BadRequest("The request body could not be read to its end; send the whole image again.");
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && StorageFailure.IsUnavailable(exception))
        {
            LogBlobUnavailable(exception, userId, rowKey);
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        return upload.Outcome switch
        {
            UploadOutcome.TooLarge => TooLarge(),
            UploadOutcome.NotAcceptedImage => ApiError.BadRequest(upload.Problem!),

            // Too many large images are being decoded at once: the same answer as storage that is slow to answer.
            UploadOutcome.NoRoomToDecode => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
            _ => await RecordAsync(photo, ifMatch, upload, aborted),
        };
    }

    private static ApiError TooLarge() => ApiError.RequestEntityTooLarge((int)PhotoContentStore.MaxContentBytes);

    /// <summary>
    /// Names the new blob in the photo entity, conditionally on the entity's ETag (re-read and re-applied when another
    /// writer got in between, so that concurrent uploads land in turn and the last one stays named). Then deletes the blob
    /// the entity named before, which no reader can be sent to any more. An upload that is not recorded deletes its own blob.
    /// </summary>
    private async Task<IResult> RecordAsync(PhotoEntity photo, IfMatch? ifMatch, PhotoUpload upload, CancellationToken aborted)
    {
        string userId = photo.PartitionKey;
        string rowKey = photo.RowKey;
        string blobName = upload.BlobName!;
        string stored = upload.ETag!.Value.ToString("H");
        long started = Stopwatch.GetTimestamp();
        string? replaced = null;
        var recorded = await _store.UpdateAsync(userId, rowKey, entity => Record(entity, ifMatch, blobName, stored, upload, out replaced), aborted, read: photo);
        switch (recorded.Outcome, recorded.Value?.Outcome)
        {
            case (StoreOutcome.Done, UpdateOutcome.Updated):
                LogRecorded(userId, rowKey, stored);
                if (!await _cleanup.DeleteReplacedAsync(userId, rowKey, replaced, blobName, started, aborted))
                {
                    LogCleanupUnavailable(userId, rowKey);
                }

                return new ContentStored(stored);

            // The photo was deleted while its content was uploaded: the content goes with it.
            case (StoreOutcome.NotFound, _) or (StoreOutcome.Done, UpdateOutcome.NotFound):
                return await _cleanup.DeleteUploadAsync(blobName, started, aborted)
                    ? PhotoResource.NotFound(userId, rowKey)
                    : ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);

            // Another upload replaced the content that If-Match named while this one was read.
            case (StoreOutcome.Done, UpdateOutcome.Refused):
                return await _cleanup.DeleteUploadAsync(blobName, started, aborted)
                    ? ApiError.PreconditionFailed("The photo's content changed while this upload was read: read it again ($value) and retry with its ETag.")
                    : ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        // Not recorded (as far as this request knows): the blob stays, unnamed, for the next PUT, DELETE or erasure of the
        // photo to delete, since the entity write may yet have landed.
        LogRecordUnavailable(userId, rowKey);
        return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
    }

    private static bool Record(TableEntity entity, IfMatch? ifMatch, string blobName, string stored, PhotoUpload upload, out string? replaced)
    {
        string? current = entity.GetString(PhotoEntity.ContentETagProperty);
        replaced = null;
        if (ifMatch is not null && (current is null || !ifMatch.Matches(current)))
        {
            return false;
        }

        // The blob this version names: its own, or (on a row from before one blob per upload, with content) the photo's one blob.
        replaced = entity.GetString(PhotoEntity.ContentBlobProperty)
            ?? (current is null ? null : PhotoContentStore.LegacyBlobName(entity.PartitionKey, entity.RowKey));
        entity[PhotoEntity.ContentTypeProperty] = upload.Image!.ContentType;
        entity[PhotoEntity.ContentLengthProperty] = upload.Length;
        entity[PhotoEntity.ContentETagProperty] = stored;
        entity[PhotoEntity.ContentBlobProperty] = blobName;

        // The image's own size, whatever the client said when it created the photo.
        entity[PhotoEntity.HeightProperty] = upload.Image.Height;
        entity[PhotoEntity.WidthProperty] = upload.Image.Width;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The body of a content upload for photo {PhotoId} of {UserId} could not be read")]
    private partial void LogBodyUnreadable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob storage could not be reached in time for photo {PhotoId} of {UserId}")]
    private partial void LogBlobUnavailable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored content of photo {PhotoId} of {UserId} could not be recorded in time; the previous content is still served")]
    private partial void LogRecordUnavailable(string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo {PhotoId} of {UserId} now names content {ContentETag}")]
    private partial void LogRecorded(string userId, string photoId, string contentETag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content that photo {PhotoId} of {UserId} no longer names could not be deleted in time; the next upload or delete of the photo deletes it")]
    private partial void LogCleanupUnavailable(string userId, string photoId);
}
