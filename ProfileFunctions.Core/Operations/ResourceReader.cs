using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Operations;

/// <summary>A read of one resource, the same for both: access, then the row, then 200, 304 or 404.</summary>
internal sealed class ResourceReader(CallerAccess access, ResourceStore store)
{
    public async Task<IResult> ReadAsync<TEntity>(HttpContext context, string routeUserId, ResourceDefinition<TEntity> resource, string? photoId)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var (refusal, userId, rowKey) = await ResourceAccess.CheckAsync(access, context, routeUserId, resource, photoId);
        if (refusal is not null)
        {
            return refusal;
        }

        var read = await store.ReadAsync<TEntity>(userId, rowKey, context.RequestAborted);
        return read.Outcome switch
        {
            StoreOutcome.Done when NotModified.Matches(context.Request.Headers.IfNoneMatch, read.Value!.ETag!) => new NotModified(read.Value.ETag!),
            StoreOutcome.Done => JsonResource.Ok(ResourceJson.Of(resource, read.Value!), read.Value!.ETag),
            StoreOutcome.NotFound => ApiError.NotFound(resource.Missing(userId, rowKey)),
            _ => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
        };
    }
}
