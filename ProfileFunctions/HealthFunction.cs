using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions;

/// <summary><c>GET /healthz</c>, anonymous: one storage call, 200 or the contract's 503, as on the local host.</summary>
public sealed class HealthFunction(HealthCheckService health)
{
    [Function(nameof(HealthFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request) =>
        new ResultAction(await ProfileHealth.CheckAsync(health, request.HttpContext.RequestAborted));
}
