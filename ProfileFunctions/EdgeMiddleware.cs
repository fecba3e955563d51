using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions;

/// <summary>
/// What every HTTP invocation shares, as the local host's middleware does it: the request's correlation ids, and the
/// contract's 500 for an exception that escapes a function (the host would otherwise answer an empty 500). The Core
/// decides both; this calls it once per request.
/// </summary>
internal sealed class EdgeMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        try
        {
            RequestCorrelation.Begin(http);
            await next(context);
        }
        catch (Exception exception)
        {
            // Written here, with no invocation result left for the ASP.NET Core integration to execute after it.
            await UnhandledError.WriteAsync(http, exception);
        }
    }
}
