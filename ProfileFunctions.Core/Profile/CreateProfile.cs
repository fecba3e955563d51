using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Profile;

/// <summary>
/// POST /user/{userId}/profile: creates the user's one profile. The table's own insert decides 201 or 409 (two racing
/// creates make one profile); the row records the request that made it, so a retried insert finds its own row.
/// </summary>
[RequestHeader(DescribedHeaders.RepeatabilityRequestId)]
[RequestHeader(DescribedHeaders.RepeatabilityFirstSent)]
[ResponseHeader(StatusCodes.Status201Created, DescribedHeaders.RepeatabilityResult, Required = false)]
public sealed partial class CreateProfile : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PublicLinks _links;
    private readonly TimeProvider _time;
    private readonly ILogger<CreateProfile> _logger;

    internal CreateProfile(CallerAccess access, TableStore store, PublicLinks links, TimeProvider time, ILogger<CreateProfile> logger)
    {
        _access = access;
        _store = store;
        _links = links;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Success(StatusCodes.Status201Created, typeof(ProfileDocument), 400, 401, 403, 409, 413, 415, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<CreateProfile>> HandleAsync(HttpContext context, string userId) => new(await CreateAsync(context, userId));

    private async Task<IResult> CreateAsync(HttpContext context, string routeUserId)
    {
        var decision = await _access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        var (bodyRefusal, parsed, repeatable, bodyHash) = await DocumentReader.ReadCreateRequestAsync(context.Request, ProfileResource.Kind, context.RequestAborted);
        if (bodyRefusal is not null)
        {
            return bodyRefusal;
        }

        string userId = decision.UserId;
        var profile = ProfileEntity.Create(userId, parsed!.Id ?? RandomGuid.Create(), parsed, decision.Caller.CreatedBy, _time.GetUtcNow());
        profile.RequestId = RequestCorrelation.Begin(context).RequestId;
        profile.RepeatabilityRequestId = repeatable?.Key;
        profile.RequestBodyHash = bodyHash;

        var inserted = await _store.InsertOrReadAsync(profile, context.RequestAborted);
        if (inserted.Outcome == StoreOutcome.Done)
        {
            LogCreated(profile.Id, userId);
            return Created(context, profile, repeatable);
        }

        if (inserted.Outcome != StoreOutcome.AlreadyExists)
        {
            return ApiError.CreateOutcomeUnknown(ProfileStorage.RetryAfterSeconds);
        }

        if (inserted.Value is not { } existing)
        {
            return ProfileResource.AlreadyExists(userId);
        }

        var found = FoundRows.Judge(existing, profile, repeatable);
        if (found == FoundRow.OwnRetry)
        {
            LogOwnRetry(existing.Id, userId);
        }

        return found switch
        {
            FoundRow.OwnRetry or FoundRow.Repeat => Created(context, existing, repeatable),
            FoundRow.Another => ProfileResource.AlreadyExists(userId),
            _ => FoundRows.KeyConflict(found, repeatable!.Key, ProfileResource.Kind.Name),
        };
    }

    private IResult Created(HttpContext context, ProfileEntity stored, RepeatableRequest? repeatable)
    {
        var created = JsonResource.Created(ProfileResource.Kind.Name, _links.For(context.Request, ProfileResource.Location(stored.PartitionKey)), stored.ETag, ProfileResource.Json(stored));
        return repeatable is null ? created : new RepeatabilityAccepted(created);
    }

    // Debug, not Information: the row itself records who created what and when, and a log line per create costs a write.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created profile {ProfileId} for {UserId}")]
    private partial void LogCreated(string profileId, string userId);

    // Worth seeing: it says storage answered a committed write too late for the client's attempt timeout.
    [LoggerMessage(Level = LogLevel.Information, Message = "Insert of profile {ProfileId} for {UserId} was retried by the storage client and found its own row")]
    private partial void LogOwnRetry(string profileId, string userId);
}
