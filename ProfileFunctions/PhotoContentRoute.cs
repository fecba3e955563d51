using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.PhotoContent;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos/{photoId}/$value</c>: a function per operation.</summary>
public sealed class PhotoContentRoute(WritePhotoContent write, ReadPhotoContent read)
{
    // The body is the request's own stream (ASP.NET Core integration): read as it arrives, never buffered whole here.
    [Function(nameof(WritePhotoContent))]
    public async Task<IActionResult> Write(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ProfileRoutes.PhotoContent)] HttpRequest request, string userId, string photoId) =>
        new ResultAction(await write.HandleAsync(request.HttpContext, userId, photoId));

    [Function(nameof(ReadPhotoContent))]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ProfileRoutes.PhotoContent)] HttpRequest request, string userId, string photoId) =>
        new ResultAction(await read.HandleAsync(request.HttpContext, userId, photoId));
}
