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
        var decision = await access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        string rowKey = ResourceDefinition.ProfileRowKey;
        if (photoId is not null)
        {
            if (!ResourceId.TryParse(photoId, out var id))
            {
                return ApiError.BadRequest("The photo id must be a GUID (e.g. 1736e66d-e66d-1736-6de6-36176de63617).");
            }

            rowKey = resource.RowKey(id);
        }

        var read = await store.ReadAsync<TEntity>(decision.UserId, rowKey, context.RequestAborted);
        return read.Outcome switch
        {
            StoreOutcome.Done when NotModified.Matches(context.Request.Headers.IfNoneMatch, read.Value!.ETag!) => new NotModified(read.Value.ETag!),
            StoreOutcome.Done => JsonResource.Ok(ResourceJson.Of(resource, read.Value!), read.Value!.ETag),
            StoreOutcome.NotFound => ApiError.NotFound(resource.Missing(decision.UserId, rowKey)),
            _ => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
        };
    }
}
