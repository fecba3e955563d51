using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Edge;
using ProfileFunctions.Core.Identifiers;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Core.Operations;

/// <summary>A create, the same for both resources: access, content type, body, then the insert that decides 201 or 409.</summary>
internal sealed partial class ResourceCreator(CallerAccess access, ResourceStore store, TimeProvider time, ILogger<ResourceCreator> logger)
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

        ParsedResource? parsed;
        string? bodyError;
        using (var body = await RequestBodyReader.ReadAsync(context.Request, context.RequestAborted))
        {
            if (body is null)
            {
                return ApiError.RequestEntityTooLarge(RequestBodyReader.MaxBytes);
            }

            if (!ResourceBodyParser.TryParse(body.Span, resource, out parsed, out bodyError))
            {
                return ApiError.BadRequest(bodyError);
            }
        }

        var id = parsed.Id ?? RandomGuid.Create();
        var entity = ResourceEntities.Create(resource, decision.UserId, id, parsed, decision.Caller.CreatedBy, time.GetUtcNow());
        var inserted = await store.InsertAsync(entity, context.RequestAborted);
        switch (inserted.Outcome)
        {
            case StoreOutcome.Done:
                LogCreated(resource.Name, id, decision.UserId);
                return JsonResource.Created(PublicLinks.Absolute(context, resource.Location(decision.UserId, id)), entity.ETag, ResourceJson.Of(resource, entity));
            case StoreOutcome.AlreadyExists:
                return ApiError.Conflict(resource.AlreadyExists(decision.UserId, id));
            default:
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    // Debug, not Information: the row itself records who created what and when, and a log line per create costs
    // a write per request.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Created {Resource} {ResourceId} for {UserId}")]
    private partial void LogCreated(string resource, Guid resourceId, string userId);
}
