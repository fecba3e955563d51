using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Core.Operations;

/// <summary>
/// A PATCH, the same for both resources: access, headers, the body's shape, then a JSON Merge Patch applied to the
/// stored entity and written on its ETag, re-applied to a fresh read whenever another write got in between.
/// </summary>
internal sealed partial class ResourceUpdater(CallerAccess access, ResourceStore store, TimeProvider time, ILogger<ResourceUpdater> logger)
{
    public async Task<IResult> UpdateAsync<TEntity>(HttpContext context, string routeUserId, ResourceDefinition<TEntity> resource, string? photoId)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var (refusal, userId, rowKey) = await ResourceAccess.CheckAsync(access, context, routeUserId, resource, photoId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!PatchContentTypeRule.IsAccepted(context.Request.ContentType))
        {
            return ApiError.UnsupportedPatchMediaType();
        }

        if (!ResourceAccess.TryReadIfMatch(context.Request, out var ifMatch, out refusal))
        {
            return refusal!;
        }

        byte[] json;
        var read = await RequestBodyReader.ReadAsync(context.Request, context.RequestAborted);
        if (read.IsRefused)
        {
            return read.Refusal;
        }

        using (var body = read.Body)
        {
            if (!ResourceBodyParser.TryParse(body.Span, resource, out _, out var bodyError, forPatch: true))
            {
                return ApiError.BadRequest(bodyError);
            }

            json = body.Span.ToArray();
        }

        using var document = JsonDocument.Parse(json);
        var change = new PatchChange(document.RootElement, resource, ifMatch, time);
        var updated = await store.UpdateAsync<TEntity>(userId, rowKey, change.Apply, context.RequestAborted);
        if (updated.Outcome == StoreOutcome.NotFound)
        {
            // Storage's own ResourceNotFound, should a write meet one that the conditional helpers did not map.
            return ApiError.NotFound(resource.Missing(userId, rowKey));
        }

        if (updated.Outcome != StoreOutcome.Done)
        {
            return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }

        var result = updated.Value!;
        switch (result.Outcome)
        {
            case UpdateOutcome.Updated:
                LogUpdated(resource.Name, rowKey, userId);

                // Composed from the entity as written, exactly as a read of it composes it.
                return ReturnPreference.IsMinimal(context.Request)
                    ? new NoContent(result.ETag, minimalPreferred: true)
                    : JsonResource.Ok(ResourceJson.Of(resource, TEntity.FromTableEntity(result.Entity!)), result.ETag);
            case UpdateOutcome.NotFound:
                return ApiError.NotFound(resource.Missing(userId, rowKey));
            case UpdateOutcome.Refused:
                return change.Refusal!;
            case UpdateOutcome.PreconditionFailed:
                return ResourceAccess.PreconditionFailed(resource);
            default:
                // Contended: other writers won every round; nothing of this patch was stored, so a retry is safe.
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated {Resource} {RowKey} for {UserId}")]
    private partial void LogUpdated(string resource, string rowKey, string userId);

    /// <summary>
    /// The change ConditionalUpdate applies to each version it reads: the patch's id check (against the stored id),
    /// If-Match, then the merge. It keeps why it declined, for the answer.
    /// </summary>
    private sealed class PatchChange(JsonElement patch, ResourceDefinition resource, IfMatch? ifMatch, TimeProvider time)
    {
        private PatchDocument? _document;

        public IResult? Refusal { get; private set; }

        public bool Apply(TableEntity current)
        {
            // The id never changes, so the patch is checked against it once, on the first version read.
            if (_document is null)
            {
                var id = Guid.Parse(current.GetString(ResourceEntity.IdProperty));
                if (!PatchDocument.TryCreate(patch, resource, id, out _document, out var error))
                {
                    return Refuse(ApiError.BadRequest(error));
                }
            }

            if (ifMatch is not null && !ifMatch.Matches(current.ETag.ToString("H")))
            {
                return Refuse(ResourceAccess.PreconditionFailed(resource));
            }

            int? height = resource.HasDimensions ? current.GetInt32(PhotoEntity.HeightProperty) : null;
            int? width = resource.HasDimensions ? current.GetInt32(PhotoEntity.WidthProperty) : null;
            byte[] body = current.GetBinary(ResourceEntity.BodyProperty) ?? "{}"u8.ToArray();
            var patched = _document.ApplyTo(body, height, width, hasContent: current.GetString(PhotoEntity.ContentETagProperty) is not null);
            switch (patched.Outcome)
            {
                case PatchOutcome.TooLarge:
                    return Refuse(ApiError.RequestEntityTooLarge(patched.Error!));
                case PatchOutcome.DimensionsFromContent:
                    return Refuse(ApiError.BadRequest(patched.Error!));
            }

            // Replace mode: what the entity holds now is the whole row, so a dimension set to null is removed from it.
            current[ResourceEntity.BodyProperty] = patched.Body;
            current[ResourceEntity.LastModifiedDateTimeProperty] = time.GetUtcNow().ToUniversalTime();
            if (resource.HasDimensions)
            {
                SetOrRemove(current, PhotoEntity.HeightProperty, patched.Height);
                SetOrRemove(current, PhotoEntity.WidthProperty, patched.Width);
            }

            return true;
        }

        private static void SetOrRemove(TableEntity entity, string property, int? value)
        {
            if (value is { } number)
            {
                entity[property] = number;
            }
            else
            {
                entity.Remove(property);
            }
        }

        private bool Refuse(IResult refusal)
        {
            Refusal = refusal;
            return false;
        }
    }
}
