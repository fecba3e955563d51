using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Access;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Photos;

/// <summary>
/// The caller's access to one photo, in the contract's order: token (401), userId (400), the photo id's syntax (400),
/// then the claims (403), so a malformed photo id is a 400 for anyone with a token but a 403 never depends on a row.
/// </summary>
internal static class PhotoAccess
{
    public const string PhotoIdError = "The photo id must be a GUID (e.g. 1736e66d-e66d-1736-6de6-36176de63617).";

    /// <param name="access">The caller's access check.</param>
    /// <param name="context">The request.</param>
    /// <param name="routeUserId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="routePhotoId">The route's <c>photoId</c>, percent-decoded.</param>
    /// <param name="laterSegmentError">
    /// Why a segment of the route after the photo id is wrong (a photo size), when it is: a 400 right after the photo id's.
    /// </param>
    /// <returns>The refusal, or the stored userId and the photo's row key (its id in lower-case D format).</returns>
    public static async Task<(IResult? Refusal, string UserId, string PhotoId)> CheckAsync(CallerAccess access, HttpContext context, string routeUserId, string routePhotoId, string? laterSegmentError = null)
    {
        var decision = await access.CheckAsync(context, routeUserId);
        string? pathError = ResourceId.TryParse(routePhotoId, out var id) ? laterSegmentError : PhotoIdError;
        if (decision.Refusal is { } refusal)
        {
            // CallerAccess answers 401 and the userId's 400 before its 403: the path's 400s go between.
            return (pathError is not null && refusal is ApiError { StatusCode: StatusCodes.Status403Forbidden } ? ApiError.BadRequest(pathError) : refusal, string.Empty, string.Empty);
        }

        return pathError is null ? (null, decision.UserId, id.ToString("D")) : (ApiError.BadRequest(pathError), string.Empty, string.Empty);
    }
}
