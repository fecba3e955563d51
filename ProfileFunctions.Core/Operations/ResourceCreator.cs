using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Identifiers;
using ProfileFunctions.Core.Repeatability;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Core.Operations;

/// <summary>
/// A create, the same for both resources: access, content type, repeatability headers, body, then the insert that
/// decides 201 or 409. Every row records the request that made it, so that an insert that finds its row can tell its
/// own earlier attempt (or a repeat of the same keyed request) from another request.
/// </summary>
internal sealed partial class ResourceCreator(CallerAccess access, ResourceStore store, PublicLinks links, TimeProvider time, ILogger<ResourceCreator> logger)
{
    public async Task<IResult> CreateAsync<TEntity>(HttpContext context, string routeUserId, ResourceDefinition<TEntity> resource)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var decision = await access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        if (!ContentTypeRule.IsJson(context.Request.ContentType))
        {
            return ApiError.UnsupportedMediaType();
        }

        if (!RepeatableRequest.TryRead(context.Request.Headers, out var repeatable, out var headerError))
        {
            return ApiError.BadRequest(headerError!);
        }

        ParsedResource? parsed;
        string? bodyError;
        byte[]? bodyHash;
        var read = await RequestBodyReader.ReadAsync(context.Request, context.RequestAborted);
        if (read.IsRefused)
        {
            return read.Refusal;
        }

        using (var body = read.Body)
        {
            if (!ResourceBodyParser.TryParse(body.Span, resource, out parsed, out bodyError))
            {
                return ApiError.BadRequest(bodyError);
            }

            // Of the exact bytes: a repeat is the same request only if it sends the very same body.
            bodyHash = repeatable is null ? null : SHA256.HashData(body.Span);
        }

        string caller = decision.Caller.CreatedBy;
        var id = parsed.Id
            ?? (repeatable is not null && !resource.IsSingleton ? repeatable.PhotoId(decision.UserId, caller) : RandomGuid.Create());
        var entity = ResourceEntities.Create(resource, decision.UserId, id, parsed, caller, time.GetUtcNow());
        entity.RequestId = RequestCorrelation.Begin(context).RequestId;
        entity.RepeatabilityRequestId = repeatable?.Key;
        entity.RequestBodyHash = bodyHash;

        var inserted = await store.InsertOrReadAsync(entity, context.RequestAborted);
        switch (inserted.Outcome)
        {
            case StoreOutcome.Done:
                LogCreated(resource.Name, id, decision.UserId);
                return Created(context, resource, entity, repeatable);
            case StoreOutcome.AlreadyExists when inserted.Value is { } existing:
                return Existing(context, resource, entity, existing, repeatable);
            case StoreOutcome.AlreadyExists:
                return ApiError.Conflict(resource.AlreadyExists(decision.UserId, id));
            default:
                return ApiError.CreateOutcomeUnknown(ProfileStorage.RetryAfterSeconds);
        }
    }

    private IResult Created<TEntity>(HttpContext context, ResourceDefinition<TEntity> resource, TEntity stored, RepeatableRequest? repeatable)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var id = Guid.Parse(stored.Id);
        var created = JsonResource.Created(links.For(context.Request, resource.Location(stored.PartitionKey, id)), stored.ETag, ResourceJson.Of(resource, stored));
        return repeatable is null ? created : new RepeatabilityAccepted(created);
    }

    /// <summary>The row the insert found: this request's own (201), a repeat's first (201), or another request's (409).</summary>
    private IResult Existing<TEntity>(HttpContext context, ResourceDefinition<TEntity> resource, TEntity attempted, TEntity existing, RepeatableRequest? repeatable)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        // The storage client retried an insert whose first attempt was committed but answered too late.
        if (existing.RequestId is not null && string.Equals(existing.RequestId, attempted.RequestId, StringComparison.Ordinal))
        {
            LogOwnRetry(resource.Name, existing.Id, existing.PartitionKey);
            return Created(context, resource, existing, repeatable);
        }

        if (repeatable is not null && string.Equals(existing.RepeatabilityRequestId, repeatable.Key, StringComparison.Ordinal))
        {
            bool sameCaller = string.Equals(existing.CreatedBy, attempted.CreatedBy, StringComparison.Ordinal);
            bool sameBody = existing.RequestBodyHash is { } hash && attempted.RequestBodyHash is { } sent && hash.AsSpan().SequenceEqual(sent);
            if (sameCaller && sameBody)
            {
                return Created(context, resource, existing, repeatable);
            }

            return ApiError.Conflict(sameCaller
                ? $"{RepeatableRequest.RequestIdHeader} '{repeatable.Key}' was already used for a create with another body: send a new key for a new request."
                : $"{RepeatableRequest.RequestIdHeader} '{repeatable.Key}' was already used by another caller for this {resource.Name}.");
        }

        return ApiError.Conflict(resource.AlreadyExists(existing.PartitionKey, Guid.Parse(existing.Id)));
    }

    // Debug, not Information: the row itself records who created what and when, and a log line per create costs
    // a write per request.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created {Resource} {ResourceId} for {UserId}")]
    private partial void LogCreated(string resource, Guid resourceId, string userId);

    // Worth seeing: it says storage answered a committed write too late for the client's attempt timeout.
    [LoggerMessage(Level = LogLevel.Information, Message = "Insert of {Resource} {ResourceId} for {UserId} was retried by the storage client and found its own row")]
    private partial void LogOwnRetry(string resource, string resourceId, string userId);
}
