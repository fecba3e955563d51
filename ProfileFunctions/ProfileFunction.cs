using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions;

/// <summary>
/// <c>user/{userId}/profile</c>. No methods are listed, so every method reaches the Core, which answers 405 for
/// the ones the contract does not serve (the host itself would answer 404). The bearer token is the gate.
/// </summary>
public sealed class ProfileFunction(ProfileApi api)
{
    [Function(nameof(ProfileFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ProfileRoutes.Profile)] HttpRequest request,
        string userId) =>
        new ResultAction(await api.HandleProfileAsync(request.HttpContext, userId));
}
