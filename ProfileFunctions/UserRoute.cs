using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Users;

namespace ProfileFunctions;

/// <summary><c>user/{userId}</c>: the user's erasure.</summary>
public sealed class UserRoute(EraseUser erase)
{
    [Function(nameof(EraseUser))]
    public async Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ProfileRoutes.User)] HttpRequest request, string userId) =>
        new ResultAction(await erase.HandleAsync(request.HttpContext, userId));
}
