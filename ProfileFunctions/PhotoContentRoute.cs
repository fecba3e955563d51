using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.PhotoContent;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos/{photoId}/$value</c> and its sizes: a function per operation.</summary>
public sealed class PhotoContentRoute(WritePhotoContent write, ReadPhotoContent read, ReadPhotoSize readSize)
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

    // user/{userId}/photos/{photoId}/{size}/$value: one more segment than every other route, so no other function's
    // template matches its paths, whatever order the host tries them in.
    [Function(nameof(ReadPhotoSize))]
    public async Task<IActionResult> ReadSize(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ProfileRoutes.PhotoSize)] HttpRequest request, string userId, string photoId, string size) =>
        new ResultAction(await readSize.HandleAsync(request.HttpContext, userId, photoId, size));
}
