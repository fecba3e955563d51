using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

/// <summary>GET /user/{userId}/photos/{photoId}: one photo as its create returned it, changed only by later writes.</summary>
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
public sealed class ReadPhoto : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;

    internal ReadPhoto(CallerAccess access, TableStore store)
    {
        _access = access;
        _store = store;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Read(typeof(PhotoDocument), 400, 401, 403, 404, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadPhoto>> HandleAsync(HttpContext context, string userId, string photoId) => new(await ReadAsync(context, userId, photoId));

    private async Task<IResult> ReadAsync(HttpContext context, string routeUserId, string routePhotoId)
    {
        var (refusal, userId, photoId) = await PhotoAccess.CheckAsync(_access, context, routeUserId, routePhotoId);
        if (refusal is not null)
        {
            return refusal;
        }

        var read = await _store.ReadAsync<PhotoEntity>(userId, photoId, context.RequestAborted);
        return read.Outcome switch
        {
            StoreOutcome.Done when NotModified.Matches(context.Request.Headers.IfNoneMatch, read.Value!.ETag!) => new NotModified(read.Value.ETag!),
            StoreOutcome.Done => JsonResource.Ok(PhotoResource.Json(read.Value!), read.Value!.ETag),
            StoreOutcome.NotFound => PhotoResource.NotFound(userId, photoId),
            _ => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
        };
    }
}
