using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ProfileFunctions.Core.Hosting;

/// <summary>One operation: the method it answers, its name (the Functions app's function of that name serves it) and its handler.</summary>
public sealed class RouteOperation
{
    private readonly Func<IServiceProvider, HttpContext, RouteValueDictionary, Task<IResult>> _invoke;

    internal RouteOperation(string method, string name, Func<IServiceProvider, HttpContext, RouteValueDictionary, Task<IResult>> invoke)
    {
        Method = method;
        Name = name;
        _invoke = invoke;
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The operation's name: its handler's type name, and the name of the Functions app's function for it.</summary>
    public string Name { get; }

    internal Task<IResult> InvokeAsync(IServiceProvider services, HttpContext context, RouteValueDictionary values) => _invoke(services, context, values);
}
