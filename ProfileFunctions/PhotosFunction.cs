using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos</c>: every method reaches the Core, as for the profile.</summary>
public sealed class PhotosFunction(ProfileApi api)
{
    [Function(nameof(PhotosFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ProfileRoutes.Photos)] HttpRequest request,
        string userId) =>
        new ResultAction(await api.HandlePhotosAsync(request.HttpContext, userId));
}
