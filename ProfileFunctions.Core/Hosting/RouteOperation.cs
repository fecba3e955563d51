using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using ProfileFunctions.Core.OpenApi;

namespace ProfileFunctions.Core.Hosting;

/// <summary>
/// One operation: the method it answers, its name (the Functions app's function of that name serves it), its handler,
/// and what the OpenAPI document says of it.
/// </summary>
public sealed class RouteOperation
{
    // Every operation's handler: the method the table's line calls.
    private const string HandlerName = "HandleAsync";

    private readonly Func<IServiceProvider, HttpContext, RouteValueDictionary, Task<IResult>> _invoke;
    private readonly Type _operation;
    private readonly Action<MethodInfo, EndpointBuilder> _populateResponses;
    private readonly OperationDocumentation _documentation;

    internal RouteOperation(
        string method,
        Type operation,
        OperationDocumentation documentation,
        Action<MethodInfo, EndpointBuilder> populateResponses,
        Func<IServiceProvider, HttpContext, RouteValueDictionary, Task<IResult>> invoke)
    {
        Method = method;
        Name = operation.Name;
        _operation = operation;
        _documentation = documentation;
        _populateResponses = populateResponses;
        _invoke = invoke;
        Answer = AnswerAsync;
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The operation's name: its handler's type name, and the name of the Functions app's function for it.</summary>
    public string Name { get; }

    /// <summary>Whether the operation takes a JSON body, whose content types the endpoint's metadata then names.</summary>
    public bool AcceptsBody => _documentation.Accepts is not null;

    /// <summary>
    /// The operation as an endpoint's request delegate: the handler, given its route values by the router. Mapped as it is,
    /// no delegate factory compiles anything for it at start-up.
    /// </summary>
    public RequestDelegate Answer { get; }

    /// <summary>
    /// Adds what the OpenAPI document reads from an endpoint that <see cref="Answer"/>s the operation, which a request
    /// delegate has none of: the handler's method and its parameters (ApiExplorer takes the route parameters from those), the
    /// responses its return type declares (called as a generated delegate would call it), the operation id, summary and
    /// tag, the body it accepts and its query parameters.
    /// </summary>
    /// <param name="builder">The endpoint's builder.</param>
    public void Describe(EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var handler = _operation.GetMethod(HandlerName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{Name} has no public {HandlerName}.");
        builder.Metadata.Add(handler);
        foreach (var parameter in handler.GetParameters())
        {
            builder.Metadata.Add(new HandlerParameter(parameter));
        }

        _populateResponses(handler, builder);

        // As WithName, WithSummary, WithTags and Accepts would add them.
        builder.Metadata.Add(new EndpointNameMetadata(_documentation.OperationId));
        builder.Metadata.Add(new RouteNameMetadata(_documentation.OperationId));
        builder.Metadata.Add(new EndpointSummaryAttribute(_documentation.Summary));
        builder.Metadata.Add(new TagsAttribute(_documentation.Tag));
        if (_documentation.Accepts is { } accepts)
        {
            builder.Metadata.Add(accepts);
        }

        foreach (var query in _documentation.Query)
        {
            builder.Metadata.Add(query);
        }
    }

    internal Task<IResult> InvokeAsync(IServiceProvider services, HttpContext context, RouteValueDictionary values) => _invoke(services, context, values);

    private async Task AnswerAsync(HttpContext context)
    {
        var answer = await _invoke(context.RequestServices, context, context.Request.RouteValues);
        await answer.ExecuteAsync(context);
    }

    /// <summary>
    /// A parameter of the handler as a generated delegate describes its binding: ApiExplorer reads these, not the method's
    /// signature. The handler takes the request and strings, which routing gives it: none parses or binds itself.
    /// </summary>
    private sealed class HandlerParameter(ParameterInfo parameter) : IParameterBindingMetadata
    {
        public string Name { get; } = parameter.Name ?? string.Empty;

        public ParameterInfo ParameterInfo => parameter;

        public bool HasTryParse => false;

        public bool HasBindAsync => false;

        public bool IsOptional => false;
    }
}

/// <summary>What the OpenAPI document says of an operation beyond what its handler's type declares.</summary>
/// <param name="OperationId">The document's operation id.</param>
/// <param name="Tag">The tag it is listed under.</param>
/// <param name="Summary">One sentence on what it does.</param>
internal sealed record OperationDocumentation(string OperationId, string Tag, string Summary)
{
    /// <summary>
    /// The JSON body it takes, in the media types it takes it in. The router also checks a request's Content-Type against
    /// them, which a host mapping the operation has to route around (the contract's 415 comes after authentication).
    /// </summary>
    public AcceptsMetadata? Accepts { get; init; }

    /// <summary>The query parameters it reads.</summary>
    public IReadOnlyList<DescribedQueryParameter> Query { get; init; } = [];
}
