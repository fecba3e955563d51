using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

/// <summary>
/// PATCH /user/{userId}/photos/{photoId}: a JSON Merge Patch (RFC 7396) applied to the stored photo and written on its
/// ETag, re-applied to a fresh read whenever another write got in between, so two PATCHes of different members both land.
/// Its <c>height</c> and <c>width</c> may change only while the photo has no content (then they are the image's).
/// </summary>
[RequestHeader(DescribedHeaders.Prefer)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
public sealed partial class UpdatePhoto : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<UpdatePhoto> _logger;

    internal UpdatePhoto(CallerAccess access, TableStore store, TimeProvider time, ILogger<UpdatePhoto> logger)
    {
        _access = access;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Update(typeof(PhotoDocument));

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<UpdatePhoto>> HandleAsync(HttpContext context, string userId, string photoId) => new(await UpdateAsync(context, userId, photoId));

    private async Task<IResult> UpdateAsync(HttpContext context, string routeUserId, string routePhotoId)
    {
        var (refusal, userId, photoId) = await PhotoAccess.CheckAsync(_access, context, routeUserId, routePhotoId);
        if (refusal is not null)
        {
            return refusal;
        }

        var (bodyRefusal, ifMatch, patch) = await DocumentReader.ReadPatchRequestAsync(context.Request, PhotoResource.Kind, context.RequestAborted);
        if (bodyRefusal is not null)
        {
            return bodyRefusal;
        }

        using var document = patch!;
        var change = new PhotoChange(document.RootElement, ifMatch, _time);
        var updated = await _store.UpdateAsync<PhotoEntity>(userId, photoId, change.Apply, context.RequestAborted);
        switch (updated.Outcome, updated.Value?.Outcome)
        {
            case (StoreOutcome.Done, UpdateOutcome.Updated):
                LogUpdated(photoId, userId);

                // Composed from the entity as written, exactly as a read of it composes it.
                var written = updated.Value!;
                return ReturnPreference.IsMinimal(context.Request)
                    ? new NoContent(written.ETag, minimalPreferred: true)
                    : JsonResource.Ok(PhotoResource.Json(PhotoEntity.FromTableEntity(written.Entity!)), written.ETag);

            // Storage's own ResourceNotFound too, should a write meet one that the conditional update did not map.
            case (StoreOutcome.NotFound, _) or (StoreOutcome.Done, UpdateOutcome.NotFound):
                return PhotoResource.NotFound(userId, photoId);
            case (StoreOutcome.Done, UpdateOutcome.Refused):
                return change.Refusal!;
            case (StoreOutcome.Done, UpdateOutcome.PreconditionFailed):
                return PhotoResource.PreconditionFailed();
            default:
                // Unavailable, or contended (other writers won every round): nothing of this patch was stored, so a retry is safe.
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated photo {PhotoId} of {UserId}")]
    private partial void LogUpdated(string photoId, string userId);

    /// <summary>
    /// What the conditional update applies to each version it reads: the patch's id check (against the stored id),
    /// <c>If-Match</c>, then the merge. It keeps why it declined, for the answer.
    /// </summary>
    private sealed class PhotoChange(JsonElement patch, IfMatch? ifMatch, TimeProvider time)
    {
        private PatchDocument? _document;

        public IResult? Refusal { get; private set; }

        public bool Apply(TableEntity current)
        {
            // The id never changes, so the patch is checked against it once, on the first version read.
            if (_document is null && !PatchDocument.TryCreate(patch, PhotoResource.Kind, Guid.Parse(current.GetString(ResourceEntity.IdProperty)), out _document, out var error))
            {
                return Refuse(ApiError.BadRequest(error));
            }

            if (ifMatch is not null && !ifMatch.Matches(current.ETag.ToString("H")))
            {
                return Refuse(PhotoResource.PreconditionFailed());
            }

            var patched = _document!.ApplyTo(
                current.GetBinary(ResourceEntity.BodyProperty) ?? "{}"u8.ToArray(),
                current.GetInt32(PhotoEntity.HeightProperty),
                current.GetInt32(PhotoEntity.WidthProperty),
                hasContent: current.GetString(PhotoEntity.ContentETagProperty) is not null);
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
            SetOrRemove(current, PhotoEntity.HeightProperty, patched.Height);
            SetOrRemove(current, PhotoEntity.WidthProperty, patched.Width);
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
