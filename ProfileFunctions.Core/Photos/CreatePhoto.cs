using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

/// <summary>
/// POST /user/{userId}/photos: adds a photo. Its id is the body's, else (with a repeatability key) one derived from the
/// key so that a repeat targets the same row, else a new one. The row records the request that made it, so a retried
/// insert finds its own row.
/// </summary>
[RequestHeader(DescribedHeaders.RepeatabilityRequestId)]
[RequestHeader(DescribedHeaders.RepeatabilityFirstSent)]
[ResponseHeader(StatusCodes.Status201Created, DescribedHeaders.RepeatabilityResult, Required = false)]
public sealed partial class CreatePhoto : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly PublicLinks _links;
    private readonly TimeProvider _time;
    private readonly ILogger<CreatePhoto> _logger;
    private readonly int _maxPhotos;

    internal CreatePhoto(CallerAccess access, TableStore store, PublicLinks links, TimeProvider time, ILogger<CreatePhoto> logger, int maxPhotos)
    {
        _maxPhotos = maxPhotos;
        _access = access;
        _store = store;
        _links = links;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Success(StatusCodes.Status201Created, typeof(PhotoDocument), 400, 401, 403, 409, 413, 415, 429, 500, 503);

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<CreatePhoto>> HandleAsync(HttpContext context, string userId) => new(await CreateAsync(context, userId));

    private async Task<IResult> CreateAsync(HttpContext context, string routeUserId)
    {
        var decision = await _access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        var (bodyRefusal, parsed, repeatable, bodyHash) = await DocumentReader.ReadCreateRequestAsync(context.Request, PhotoResource.Kind, context.RequestAborted);
        if (bodyRefusal is not null)
        {
            return bodyRefusal;
        }

        string userId = decision.UserId;
        string caller = decision.Caller.CreatedBy;
        var id = parsed!.Id ?? repeatable?.PhotoId(userId, caller) ?? RandomGuid.Create();
        var photo = PhotoEntity.Create(userId, id, parsed, caller, _time.GetUtcNow());
        photo.RequestId = RequestCorrelation.Begin(context).RequestId;
        photo.RepeatabilityRequestId = repeatable?.Key;
        photo.RequestBodyHash = bodyHash;

        // Counted in the user's partition in the same transaction: the quota holds across instances.
        var inserted = await _store.InsertCountedAsync(photo, _maxPhotos, context.RequestAborted);
        if (inserted.Outcome == StoreOutcome.Done)
        {
            LogCreated(photo.Id, userId);
            return Created(context, photo, repeatable);
        }

        if (inserted.Outcome == StoreOutcome.LimitReached)
        {
            return ApiError.QuotaLimitReached("photos", _maxPhotos);
        }

        if (inserted.Outcome != StoreOutcome.AlreadyExists)
        {
            return ApiError.CreateOutcomeUnknown(ProfileStorage.RetryAfterSeconds);
        }

        if (inserted.Value is not { } existing)
        {
            return PhotoResource.AlreadyExists(userId, id);
        }

        var found = FoundRows.Judge(existing, photo, repeatable);
        if (found == FoundRow.OwnRetry)
        {
            LogOwnRetry(existing.Id, userId);
        }

        return found switch
        {
            FoundRow.OwnRetry or FoundRow.Repeat => Created(context, existing, repeatable),
            FoundRow.Another => PhotoResource.AlreadyExists(userId, id),
            _ => FoundRows.KeyConflict(found, repeatable!.Key, PhotoResource.Kind.Name),
        };
    }

    private IResult Created(HttpContext context, PhotoEntity stored, RepeatableRequest? repeatable)
    {
        var created = JsonResource.Created(PhotoResource.Kind.Name, _links.For(context.Request, PhotoResource.Location(stored.PartitionKey, Guid.Parse(stored.Id))), stored.ETag, PhotoResource.Json(stored));
        return repeatable is null ? created : new RepeatabilityAccepted(created);
    }

    // Debug, not Information: the row itself records who created what and when, and a log line per create costs a write.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created photo {PhotoId} for {UserId}")]
    private partial void LogCreated(string photoId, string userId);

    // Worth seeing: it says storage answered a committed write too late for the client's attempt timeout.
    [LoggerMessage(Level = LogLevel.Information, Message = "Insert of photo {PhotoId} for {UserId} was retried by the storage client and found its own row")]
    private partial void LogOwnRetry(string photoId, string userId);
}
