using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Core.Operations;

/// <summary>
/// A photo's content stored: access, the request's headers, the photo, its <c>If-Match</c>, then the bytes into the blob,
/// and only then the photo entity naming the blob's new version. Until that entity write lands, reads serve the
/// previous content whole.
/// </summary>
internal sealed partial class PhotoContentWriter(
    CallerAccess access,
    ResourceStore store,
    ProfileTables tables,
    PhotoContentStore content,
    ILogger<PhotoContentWriter> logger)
{
    // Two uploads that race record their blobs in turn; a third round is another upload again, answered 503.
    private const int RecordAttempts = 3;

    public async Task<IResult> WriteAsync(HttpContext context, string routeUserId, string photoId)
    {
        var (refusal, userId, rowKey) = await ResourceAccess.CheckAsync(access, context, routeUserId, ResourceDefinition.Photo, photoId);
        if (refusal is not null)
        {
            return refusal;
        }

        var request = context.Request;
        if (ContentTypeRule.MediaTypeOf(request.ContentType) is not { } mediaType || !PhotoContentTypes.IsSupported(mediaType))
        {
            return ApiError.UnsupportedMediaType($"A photo's content must be sent with Content-Type {string.Join(", ", PhotoContentTypes.All)}.");
        }

        if (!ResourceAccess.TryReadIfMatch(request, out var ifMatch, out refusal))
        {
            return refusal!;
        }

        var aborted = context.RequestAborted;
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

        // If-Match names the content's version (not the photo entity's): with no content yet, nothing matches, not even *.
        ETag? condition = null;
        if (ifMatch is not null)
        {
            if (photo.ContentETag is null || !ifMatch.Matches(photo.ContentETag))
            {
                return ApiError.PreconditionFailed(photo.ContentETag is null
                    ? "The photo has no content yet, so If-Match matches nothing: send the first content without If-Match."
                    : "The photo's content has changed since the ETag in If-Match: read it again ($value) and retry with its ETag.");
            }

            condition = ifMatch.IsAny ? ETag.All : new ETag(photo.ContentETag);
        }

        // A declared length already over the limit is refused before a byte is read; a chunked body is counted as it comes.
        if (request.ContentLength > PhotoContentStore.MaxContentBytes)
        {
            return TooLarge();
        }

        PhotoUpload upload;
        try
        {
            upload = await content.UploadAsync(userId, rowKey, mediaType, request.Body, condition, aborted);
        }
        catch (IOException exception) when (exception is BadHttpRequestException || aborted.IsCancellationRequested)
        {
            // The body itself is malformed or ended early (Kestrel's framing errors), or the client went away part-way;
            // nothing was stored, and the previous content is still the one served.
            LogBodyUnreadable(exception, userId, rowKey);
            return ApiError.BadRequest("The request body could not be read to its end; send the whole image again.");
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && ResourceStore.IsUnavailable(exception))
        {
            LogBlobUnavailable(exception, userId, rowKey);
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        return upload.Outcome switch
        {
            UploadOutcome.TooLarge => TooLarge(),
            UploadOutcome.NotAcceptedImage => ApiError.BadRequest(upload.Problem!),
            UploadOutcome.ConditionFailed => ApiError.PreconditionFailed("The photo's content changed while this upload was read: read it again ($value) and retry with its ETag."),

            // Too many large images are being decoded at once: the same answer as storage that is slow to answer.
            UploadOutcome.NoRoomToDecode => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
            _ => await RecordAsync(userId, rowKey, photo.ContentETag, upload, aborted),
        };
    }

    private static ApiError TooLarge() => ApiError.RequestEntityTooLarge((int)PhotoContentStore.MaxContentBytes);

    /// <summary>
    /// Writes the stored blob's version into the photo entity, conditionally on the entity's ETag. If another upload recorded
    /// its blob in between, this one is recorded over it only if this blob is still the one stored (it landed last).
    /// </summary>
    private async Task<IResult> RecordAsync(string userId, string rowKey, string? contentETagBefore, PhotoUpload upload, CancellationToken aborted)
    {
        string stored = upload.ETag!.Value.ToString("H");
        string? expected = contentETagBefore;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(ProfileStorage.Budget);
        try
        {
            await tables.EnsureCreatedAsync(deadline.Token);
            for (int attempt = 0; attempt < RecordAttempts; attempt++)
            {
                var result = await ConditionalUpdate.UpdateAsync(
                    tables.For<PhotoEntity>(),
                    userId,
                    rowKey,
                    ifMatch: null,
                    entity => Record(entity, expected, stored, upload),
                    cancellationToken: deadline.Token);
                if (result.Outcome == UpdateOutcome.Updated)
                {
                    LogRecorded(userId, rowKey, stored);
                    return new ContentStored(stored);
                }

                if (result.Outcome == UpdateOutcome.NotFound)
                {
                    // The photo was deleted while its content was uploaded: the content goes with it.
                    await content.DeleteAsync(userId, rowKey, deadline.Token);
                    return ApiError.NotFound(ResourceDefinition.Photo.Missing(userId, rowKey));
                }

                if (result.Outcome != UpdateOutcome.Refused)
                {
                    return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
                }

                // Another upload recorded its content in between. The blob stored now decides which of the two landed last.
                var current = await content.CurrentETagAsync(userId, rowKey, deadline.Token);
                if (current?.ToString("H") != stored)
                {
                    // A later upload replaced this content and records its own: this PUT happened, and was overtaken.
                    LogOvertaken(userId, rowKey, stored);
                    return new ContentStored(stored);
                }

                expected = result.Entity!.GetString(PhotoEntity.ContentETagProperty);
            }
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && ResourceStore.IsUnavailable(exception))
        {
            LogRecordUnavailable(exception, userId, rowKey);
        }

        return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
    }

    private static bool Record(TableEntity entity, string? expected, string stored, PhotoUpload upload)
    {
        if (entity.GetString(PhotoEntity.ContentETagProperty) != expected)
        {
            return false;
        }

        entity[PhotoEntity.ContentTypeProperty] = upload.Image!.ContentType;
        entity[PhotoEntity.ContentLengthProperty] = upload.Length;
        entity[PhotoEntity.ContentETagProperty] = stored;

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
    private partial void LogRecordUnavailable(Exception exception, string userId, string photoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo {PhotoId} of {UserId} now names content {ContentETag}")]
    private partial void LogRecorded(string userId, string photoId, string contentETag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content {ContentETag} of photo {PhotoId} of {UserId} was replaced by a later upload before it was recorded")]
    private partial void LogOvertaken(string userId, string photoId, string contentETag);
}
