using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Profile;

/// <summary>DELETE /user/{userId}/profile: deletes the profile, conditionally on the version read (and on <c>If-Match</c>, when sent).</summary>
public sealed partial class DeleteProfile : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly ILogger<DeleteProfile> _logger;

    internal DeleteProfile(CallerAccess access, TableStore store, ILogger<DeleteProfile> logger)
    {
        _access = access;
        _store = store;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Delete(400, 401, 403, 404, 412, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<DeleteProfile>> HandleAsync(HttpContext context, string userId) => new(await DeleteAsync(context, userId));

    private async Task<IResult> DeleteAsync(HttpContext context, string routeUserId)
    {
        var decision = await _access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        if (!IfMatch.TryRead(context.Request, out var ifMatch, out var ifMatchRefusal))
        {
            return ifMatchRefusal;
        }

        string userId = decision.UserId;
        var deleted = await _store.DeleteAsync<ProfileEntity>(userId, ProfileEntity.RowKeyValue, ifMatch, context.RequestAborted);
        switch (deleted.Outcome, deleted.Value)
        {
            case (StoreOutcome.Done, DeleteOutcome.Deleted):
                LogDeleted(userId);
                return new NoContent(etag: null);

            // Storage's own ResourceNotFound too, should a write meet one that the conditional delete did not map.
            case (StoreOutcome.NotFound, _) or (StoreOutcome.Done, DeleteOutcome.NotFound):
                return ProfileResource.NotFound(userId);
            case (StoreOutcome.Done, DeleteOutcome.PreconditionFailed):
                return ProfileResource.PreconditionFailed();
            default:
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted the profile of {UserId}")]
    private partial void LogDeleted(string userId);
}
