using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Edge;

namespace ProfileFunctions;

/// <summary>
/// Every path no other function serves gets the contract's 404 rather than the host's empty one. A catch-all
/// template has the lowest route precedence, so the contract's routes and <c>/healthz</c> win over it.
/// </summary>
public sealed class UnknownRouteFunction
{
    [Function(nameof(UnknownRouteFunction))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request) =>
        new ResultAction(RouteAnswers.UnknownRoute());
}
