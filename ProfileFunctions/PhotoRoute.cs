using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Photos;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos/{photoId}</c>: a function per operation.</summary>
public sealed class PhotoRoute(ReadPhoto read, UpdatePhoto update, DeletePhoto delete)
{
    [Function(nameof(ReadPhoto))]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ProfileRoutes.Photo)] HttpRequest request, string userId, string photoId) =>
        new ResultAction(await read.HandleAsync(request.HttpContext, userId, photoId));

    [Function(nameof(UpdatePhoto))]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ProfileRoutes.Photo)] HttpRequest request, string userId, string photoId) =>
        new ResultAction(await update.HandleAsync(request.HttpContext, userId, photoId));

    [Function(nameof(DeletePhoto))]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ProfileRoutes.Photo)] HttpRequest request, string userId, string photoId) =>
        new ResultAction(await delete.HandleAsync(request.HttpContext, userId, photoId));
}
