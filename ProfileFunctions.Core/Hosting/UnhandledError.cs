using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Hosting;

/// <summary>The last resort: an exception that escaped everything else is answered in the contract's 500, with no detail.</summary>
public static partial class UnhandledError
{
    private const string Category = "ProfileFunctions.Core.Hosting.UnhandledError";

    /// <summary>
    /// Logs the exception and answers 500 in the contract's error format, with the request's correlation headers (400 for
    /// the web server's rejection of what the client sent). A request the client has abandoned gets nothing (nobody reads
    /// it), and a response already under way is left to the server to end.
    /// </summary>
    /// <param name="context">The request whose handling threw.</param>
    /// <param name="exception">What it threw.</param>
    public static Task WriteAsync(HttpContext context, Exception exception)
    {
        if (exception is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var logger = context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(Category) ?? NullLogger.Instance;

        // The web server's verdict on what the client sent (a body framed wrongly, too slow), met by a reader that did not
        // answer it itself: the client's fault, so a 400 and no error.
        if (exception is BadHttpRequestException clientFault)
        {
            LogClientFault(logger, context.Request.Method, context.GetEndpoint()?.DisplayName, clientFault.Message);
            return Answer(context, ApiError.BadRequest("The request could not be read: it was framed wrongly or sent too slowly. Send it again, whole."));
        }

        LogUnexpected(logger, exception, context.Request.Method, context.GetEndpoint()?.DisplayName);
        return Answer(context, ApiError.InternalServerError());
    }

    private static Task Answer(HttpContext context, ApiError error)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        // Whatever the handler had set (status, headers) is dropped, but the correlation headers are kept.
        context.Response.Clear();
        RequestCorrelation.Begin(context).SetHeaders(context.Response);
        return error.ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A {Method} request to {Endpoint} could not be read ({Reason}); answered 400")]
    private static partial void LogClientFault(ILogger logger, string method, string? endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Method} request to {Endpoint} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string? endpoint);
}
