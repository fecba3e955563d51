using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions;

/// <summary>
/// What every HTTP invocation shares: its correlation ids, and the contract's 500 for an exception that escapes a
/// function (the host would otherwise answer an empty 500). The Core decides both; this only calls it once per request.
/// </summary>
internal sealed partial class EdgeMiddleware(ILogger<EdgeMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        ProfileApi.BeginRequest(http);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(exception, context.FunctionDefinition.Name);

            // The ASP.NET Core integration executes the invocation's IActionResult once this middleware returns.
            context.GetInvocationResult().Value = new ResultAction(ProfileApi.UnhandledException());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed unexpectedly")]
    private partial void LogUnhandled(Exception exception, string function);
}
