using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// One operation: the method it answers, its name (the Functions app's function of that name serves it), its handler
/// as a router maps it, and what the OpenAPI document says of it.
/// </summary>
public sealed class RouteOperation
{
    private readonly Func<IServiceProvider, HttpContext, RouteValueDictionary, Task<IResult>> _invoke;

    internal RouteOperation(string method, string name, Delegate endpoint, Func<IServiceProvider, HttpContext, RouteValueDictionary, Task<IResult>> invoke, OperationDocument document)
    {
        Method = method;
        Name = name;
        Endpoint = endpoint;
        _invoke = invoke;
        Document = document;
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The operation's name: its handler's type name, and the name of the Functions app's function for it.</summary>
    public string Name { get; }

    /// <summary>
    /// The handler as a minimal API maps it: its parameters are the request, the route's values and the handler (a
    /// service); its return type, <c>OperationResult&lt;THandler&gt;</c>, gives the endpoint its responses' metadata.
    /// </summary>
    public Delegate Endpoint { get; }

    /// <summary>The operation's id, summary, tag and request body in the OpenAPI document.</summary>
    public OperationDocument Document { get; }

    internal Task<IResult> InvokeAsync(IServiceProvider services, HttpContext context, RouteValueDictionary values) => _invoke(services, context, values);
}

/// <summary>What the OpenAPI document says of an operation beyond what its handler declares.</summary>
/// <param name="Order">Where the document lists the operation (it groups them by route in the order first listed).</param>
/// <param name="OperationId">The operation's id, e.g. <c>GetProfile</c>.</param>
/// <param name="Summary">One sentence.</param>
/// <param name="Tag">The document's group for it.</param>
public sealed record OperationDocument(int Order, string OperationId, string Summary, string Tag)
{
    /// <summary>The JSON body's type, when the operation takes one; routing also uses it to match the request's content type.</summary>
    public Type? Accepts { get; init; }

    /// <summary>The media types of <see cref="Accepts"/>, in the document's order.</summary>
    public IReadOnlyList<string> AcceptsContentTypes { get; init; } = [];
}
