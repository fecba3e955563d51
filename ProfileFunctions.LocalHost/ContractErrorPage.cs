using Microsoft.AspNetCore.Diagnostics;
using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.LocalHost;

/// <summary>
/// Takes the developer exception page's place: an exception that reaches it is answered with the contract's 500, never
/// with the page (stack trace, request headers and all). The page's filters are its documented extension point.
/// </summary>
internal sealed class ContractErrorPage : IDeveloperPageExceptionFilter
{
    public Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next) =>
        UnhandledError.WriteAsync(errorContext.HttpContext, errorContext.Exception);
}
