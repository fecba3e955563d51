using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos/{photoId}</c>: every method reaches the Core, which serves GET.</summary>
public sealed class PhotoFunction(ProfileApi api)
{
    [Function(nameof(PhotoFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ProfileRoutes.Photo)] HttpRequest request,
        string userId,
        string photoId) =>
        new ResultAction(await api.HandlePhotoAsync(request.HttpContext, userId, photoId));
}
