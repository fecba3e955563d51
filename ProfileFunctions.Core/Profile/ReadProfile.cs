using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Profile;

/// <summary>GET /user/{userId}/profile: the profile as its create returned it, changed only by later writes.</summary>
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
public sealed class ReadProfile : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;

    internal ReadProfile(CallerAccess access, TableStore store)
    {
        _access = access;
        _store = store;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Read(typeof(ProfileDocument), 400, 401, 403, 404, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadProfile>> HandleAsync(HttpContext context, string userId) => new(await ReadAsync(context, userId));

    private async Task<IResult> ReadAsync(HttpContext context, string routeUserId)
    {
        var decision = await _access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        var read = await _store.ReadAsync<ProfileEntity>(decision.UserId, ProfileEntity.RowKeyValue, context.RequestAborted);
        return read.Outcome switch
        {
            StoreOutcome.Done when NotModified.Matches(context.Request.Headers.IfNoneMatch, read.Value!.ETag!) => new NotModified(read.Value.ETag!),
            StoreOutcome.Done => JsonResource.Ok(ProfileResource.Json(read.Value!), read.Value!.ETag),
            StoreOutcome.NotFound => ProfileResource.NotFound(decision.UserId),
            _ => ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds),
        };
    }
}
