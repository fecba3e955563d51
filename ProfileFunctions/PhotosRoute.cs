using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Photos;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos</c>: a function per operation.</summary>
public sealed class PhotosRoute(CreatePhoto create, ListPhotos list)
{
    [Function(nameof(CreatePhoto))]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ProfileRoutes.Photos)] HttpRequest request, string userId) =>
        new ResultAction(await create.HandleAsync(request.HttpContext, userId));

    [Function(nameof(ListPhotos))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ProfileRoutes.Photos)] HttpRequest request, string userId) =>
        new ResultAction(await list.HandleAsync(request.HttpContext, userId));
}
