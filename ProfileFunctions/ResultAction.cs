using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ProfileFunctions;

/// <summary>
/// The Core answers with an <see cref="IResult"/>; the Functions ASP.NET Core integration is documented to execute
/// an <see cref="IActionResult"/>. One conversion, so status, headers and body are written exactly as on the local host.
/// </summary>
internal sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
