using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Responses;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Operations;

/// <summary>
/// The caller's access to one resource, in the contract's order: token (401), userId (400), the photo id's syntax (400),
/// then the claims (403), so a malformed photo id is a 400 for anyone with a token but a 403 never depends on a row.
/// </summary>
internal static class ResourceAccess
{
    public const string PhotoIdError = "The photo id must be a GUID (e.g. 1736e66d-e66d-1736-6de6-36176de63617).";

    /// <param name="access">The checks every operation starts with.</param>
    /// <param name="context">The request.</param>
    /// <param name="routeUserId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="resource">Which resource.</param>
    /// <param name="photoId">The route's photo id; null for the profile.</param>
    /// <returns>The refusal, or the stored userId and the resource's row key.</returns>
    public static async Task<(IResult? Refusal, string UserId, string RowKey)> CheckAsync(
        CallerAccess access,
        HttpContext context,
        string routeUserId,
        ResourceDefinition resource,
        string? photoId)
    {
        var decision = await access.CheckAsync(context, routeUserId);
        string rowKey = ResourceDefinition.ProfileRowKey;
        bool idValid = true;
        if (photoId is not null)
        {
            idValid = ResourceId.TryParse(photoId, out var id);
            rowKey = idValid ? resource.RowKey(id) : string.Empty;
        }

        if (decision.Refusal is { } refusal)
        {
            // CallerAccess answers 401 and the userId's 400 before its 403: the photo id's 400 goes between.
            return (!idValid && refusal is ApiError { StatusCode: StatusCodes.Status403Forbidden } ? ApiError.BadRequest(PhotoIdError) : refusal, string.Empty, string.Empty);
        }

        return idValid ? (null, decision.UserId, rowKey) : (ApiError.BadRequest(PhotoIdError), string.Empty, string.Empty);
    }

    /// <summary>The request's <c>If-Match</c>, or the 400 for one that cannot be read.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out IfMatch? ifMatch, out IResult? refusal)
    {
        refusal = null;
        if (IfMatch.TryParse(request.Headers.IfMatch, out ifMatch, out var error))
        {
            return true;
        }

        refusal = ApiError.BadRequest(error);
        return false;
    }

    /// <summary>The 412 of a request whose <c>If-Match</c> names no current version.</summary>
    public static ApiError PreconditionFailed(ResourceDefinition resource) => ApiError.PreconditionFailed(
        $"The {resource.Name} has changed since the version named in If-Match: read it again for its current ETag, and retry with that.");
}
