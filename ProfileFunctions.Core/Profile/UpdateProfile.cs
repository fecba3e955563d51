using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Profile;

/// <summary>
/// PATCH /user/{userId}/profile: a JSON Merge Patch (RFC 7396) applied to the stored profile and written on its ETag,
/// re-applied to a fresh read whenever another write got in between, so two PATCHes of different members both land.
/// </summary>
[RequestHeader(DescribedHeaders.Prefer)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
public sealed partial class UpdateProfile : IDescribedOperation
{
    private readonly CallerAccess _access;
    private readonly TableStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<UpdateProfile> _logger;

    internal UpdateProfile(CallerAccess access, TableStore store, TimeProvider time, ILogger<UpdateProfile> logger)
    {
        _access = access;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Update(typeof(ProfileDocument));

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<UpdateProfile>> HandleAsync(HttpContext context, string userId) => new(await UpdateAsync(context, userId));

    private async Task<IResult> UpdateAsync(HttpContext context, string routeUserId)
    {
        var decision = await _access.CheckAsync(context, routeUserId);
        if (decision.Refusal is { } refusal)
        {
            return refusal;
        }

        var (bodyRefusal, ifMatch, patch) = await DocumentReader.ReadPatchRequestAsync(context.Request, ProfileResource.Kind, context.RequestAborted);
        if (bodyRefusal is not null)
        {
            return bodyRefusal;
        }

        string userId = decision.UserId;
        using var document = patch!;
        var change = new ProfileChange(document.RootElement, ifMatch, _time);
        var updated = await _store.UpdateAsync<ProfileEntity>(userId, ProfileEntity.RowKeyValue, change.Apply, context.RequestAborted);
        switch (updated.Outcome, updated.Value?.Outcome)
        {
            case (StoreOutcome.Done, UpdateOutcome.Updated):
                LogUpdated(userId);

                // Composed from the entity as written, exactly as a read of it composes it.
                var written = updated.Value!;
                return ReturnPreference.IsMinimal(context.Request)
                    ? new NoContent(written.ETag, minimalPreferred: true)
                    : JsonResource.Ok(ProfileResource.Json(ProfileEntity.FromTableEntity(written.Entity!)), written.ETag);

            // Storage's own ResourceNotFound too, should a write meet one that the conditional update did not map.
            case (StoreOutcome.NotFound, _) or (StoreOutcome.Done, UpdateOutcome.NotFound):
                return ProfileResource.NotFound(userId);
            case (StoreOutcome.Done, UpdateOutcome.Refused):
                return change.Refusal!;
            case (StoreOutcome.Done, UpdateOutcome.PreconditionFailed):
                return ProfileResource.PreconditionFailed();
            default:
                // Unavailable, or contended (other writers won every round): nothing of this patch was stored, so a retry is safe.
                return ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updated the profile of {UserId}")]
    private partial void LogUpdated(string userId);

    /// <summary>
    /// What the conditional update applies to each version it reads: the patch's id check (against the stored id),
    /// <c>If-Match</c>, then the merge. It keeps why it declined, for the answer.
    /// </summary>
    private sealed class ProfileChange(JsonElement patch, IfMatch? ifMatch, TimeProvider time)
    {
        private PatchDocument? _document;

        public IResult? Refusal { get; private set; }

        public bool Apply(TableEntity current)
        {
            // The id never changes, so the patch is checked against it once, on the first version read.
            if (_document is null && !PatchDocument.TryCreate(patch, ProfileResource.Kind, Guid.Parse(current.GetString(ResourceEntity.IdProperty)), out _document, out var error))
            {
                return Refuse(ApiError.BadRequest(error));
            }

            if (ifMatch is not null && !ifMatch.Matches(current.ETag.ToString("H")))
            {
                return Refuse(ProfileResource.PreconditionFailed());
            }

            var patched = _document!.ApplyTo(current.GetBinary(ResourceEntity.BodyProperty) ?? "{}"u8.ToArray(), height: null, width: null, hasContent: false);
            if (patched.Outcome == PatchOutcome.TooLarge)
            {
                return Refuse(ApiError.RequestEntityTooLarge(patched.Error!));
            }

            current[ResourceEntity.BodyProperty] = patched.Body;
            current[ResourceEntity.LastModifiedDateTimeProperty] = time.GetUtcNow().ToUniversalTime();
            return true;
        }

        private bool Refuse(IResult refusal)
        {
            Refusal = refusal;
            return false;
        }
    }
}
