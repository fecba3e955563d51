using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions;

/// <summary>
/// Every request no other function takes: a method a route does not serve (405 with its <c>Allow</c>), a path no route
/// matches (404), in the contract's format rather than the host's empty 404. The Functions host tries routes in the
/// order of their functions' names (case-insensitive, first match wins; azure-functions-host #9876), so this
/// function's name sorts after every other. Should it still receive a request that an operation serves, the route table
/// answers it as that operation would.
/// </summary>
public sealed class RouteFallback
{
    /// <summary>The function's name: "Zz" sorts it last, after every operation's function.</summary>
    public const string Name = "ZzRouteFallback";

    [Function(Name)]
    public static async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request, FunctionContext context) =>
        new ResultAction(await RouteTable.AnswerAsync(context.InstanceServices, request.HttpContext));
}
