using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Edge;
using ProfileFunctions.Core.Operations;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/photos/{photoId}</c>: a function per operation, and the contract's 405 for the other methods.</summary>
public sealed class PhotoRoute(ReadPhoto read)
{
    [Function(nameof(ReadPhoto))]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ProfileRoutes.Photo)] HttpRequest request, string userId, string photoId) =>
        new ResultAction(await read.HandleAsync(request.HttpContext, userId, photoId));

    [Function("PhotoOtherMethods")]
    public static IActionResult OtherMethods(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", "patch", "delete", "head", "options", "trace", Route = ProfileRoutes.Photo)] HttpRequest request) =>
        new ResultAction(RouteAnswers.MethodNotAllowed(ProfileRoutes.PhotoMethods));
}
