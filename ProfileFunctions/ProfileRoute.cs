using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Profile;

namespace ProfileFunctions;

/// <summary><c>user/{userId}/profile</c>: a function per operation.</summary>
public sealed class ProfileRoute(CreateProfile create, ReadProfile read, UpdateProfile update, DeleteProfile delete)
{
    [Function(nameof(CreateProfile))]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ProfileRoutes.Profile)] HttpRequest request, string userId) =>
        new ResultAction(await create.HandleAsync(request.HttpContext, userId));

    [Function(nameof(ReadProfile))]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ProfileRoutes.Profile)] HttpRequest request, string userId) =>
        new ResultAction(await read.HandleAsync(request.HttpContext, userId));

    [Function(nameof(UpdateProfile))]
    public async Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ProfileRoutes.Profile)] HttpRequest request, string userId) =>
        new ResultAction(await update.HandleAsync(request.HttpContext, userId));

    [Function(nameof(DeleteProfile))]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ProfileRoutes.Profile)] HttpRequest request, string userId) =>
        new ResultAction(await delete.HandleAsync(request.HttpContext, userId));
}
