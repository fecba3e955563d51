using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Operations;

/// <summary>A DELETE of one resource, the same for both: access, <c>If-Match</c>'s syntax, then the row (404) and its version (412).</summary>
internal sealed partial class ResourceDeleter(CallerAccess access, ResourceStore store, PhotoContentCleanup content, ILogger<ResourceDeleter> logger)
{
    public async Task<IResult> DeleteAsync<TEntity>(HttpContext context, string routeUserId, ResourceDefinition<TEntity> resource, string? photoId)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var (refusal, userId, rowKey) = await ResourceAccess.CheckAsync(access, context, routeUserId, resource, photoId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!ResourceAccess.TryReadIfMatch(context.Request, out var ifMatch, out refusal))
        {
            return refusal!;
        }

        long started = Stopwatch.GetTimestamp();
        var deleted = await store.DeleteAsync<TEntity>(userId, rowKey, ifMatch, context.RequestAborted);
        if (deleted.Outcome == StoreOutcome.NotFound)
        {
            // Storage's own ResourceNotFound, should a write meet one that the conditional helpers did not map.
            return ApiError.NotFound(resource.Missing(userId, rowKey));
        }

        if (deleted.Outcome != StoreOutcome.Done)
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        // A photo's content goes with it, also when its row was already gone: the retry of a DELETE cut short between
        // the row and its blob finishes the job.
        if (typeof(TEntity) == typeof(PhotoEntity) && deleted.Value is DeleteOutcome.Deleted or DeleteOutcome.NotFound
            && !await content.DeletePhotoAsync(userId, rowKey, started, context.RequestAborted))
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        switch (deleted.Value)
        {
            case DeleteOutcome.Deleted:
                LogDeleted(resource.Name, rowKey, userId);
                return new NoContent(etag: null);
            case DeleteOutcome.NotFound:
                return ApiError.NotFound(resource.Missing(userId, rowKey));
            case DeleteOutcome.PreconditionFailed:
                return ResourceAccess.PreconditionFailed(resource);
            default:
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Resource} {RowKey} for {UserId}")]
    private partial void LogDeleted(string resource, string rowKey, string userId);
}
