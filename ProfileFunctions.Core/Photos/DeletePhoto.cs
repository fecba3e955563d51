using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

/// <summary>
/// DELETE /user/{userId}/photos/{photoId}: deletes one photo, conditionally on the version read (and on <c>If-Match</c>,
/// when sent), then its content.
/// </summary>
public sealed partial class DeletePhoto : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PhotoContentCleanup _content;
    private readonly ILogger<DeletePhoto> _logger;

    internal DeletePhoto(CallerAccess access, TableStore store, PhotoContentCleanup content, ILogger<DeletePhoto> logger)
    {
        _access = access;
        _store = store;
        _content = content;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Delete(400, 401, 403, 404, 412, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<DeletePhoto>> HandleAsync(HttpContext context, string userId, string photoId) => new(await DeleteAsync(context, userId, photoId));

    private async Task<IResult> DeleteAsync(HttpContext context, string routeUserId, string routePhotoId)
    {
        var (refusal, userId, photoId) = await PhotoAccess.CheckAsync(_access, context, routeUserId, routePhotoId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!IfMatch.TryRead(context.Request, out var ifMatch, out refusal))
        {
            return refusal;
        }

        long started = Stopwatch.GetTimestamp();
        var deleted = await _store.DeleteCountedAsync<PhotoEntity>(userId, photoId, ifMatch, context.RequestAborted);
        if (deleted.Outcome == StoreOutcome.NotFound)
        {
            // Storage's own ResourceNotFound, should a write meet one that the conditional delete did not map.
            return PhotoResource.NotFound(userId, photoId);
        }

        if (deleted.Outcome != StoreOutcome.Done)
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        // The content goes with the photo, also when its row was already gone: the retry of a DELETE cut short between
        // the row and its blobs finishes the job.
        if (deleted.Value is DeleteOutcome.Deleted or DeleteOutcome.NotFound
            && !await _content.DeletePhotoAsync(userId, photoId, started, context.RequestAborted))
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        switch (deleted.Value)
        {
            case DeleteOutcome.Deleted:
                LogDeleted(photoId, userId);
                return new NoContent(etag: null);
            case DeleteOutcome.NotFound:
                return PhotoResource.NotFound(userId, photoId);
            case DeleteOutcome.PreconditionFailed:
                return PhotoResource.PreconditionFailed();
            default:
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted photo {PhotoId} of {UserId}")]
    private partial void LogDeleted(string photoId, string userId);
}
