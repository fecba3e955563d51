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

    /// <returns>The refusal, or the stored userId and the photo's row key (its id in lower-case D format).</returns>
    public static async Task<(IResult? Refusal, string UserId, string PhotoId)> CheckAsync(CallerAccess access, HttpContext context, string routeUserId, string routePhotoId)
    {
        var decision = await access.CheckAsync(context, routeUserId);
        bool idValid = ResourceId.TryParse(routePhotoId, out var id);
        if (decision.Refusal is { } refusal)
        {
            // CallerAccess answers 401 and the userId's 400 before its 403: the photo id's 400 goes between.
            return (!idValid && refusal is ApiError { StatusCode: StatusCodes.Status403Forbidden } ? ApiError.BadRequest(PhotoIdError) : refusal, string.Empty, string.Empty);
        }

        return idValid ? (null, decision.UserId, id.ToString("D")) : (ApiError.BadRequest(PhotoIdError), string.Empty, string.Empty);
    }
}
