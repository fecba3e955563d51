using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace ProfileFunctions.Core.Hosting;

/// <summary>A route of the contract and the operations it serves.</summary>
public sealed class ApiRoute
{
    // The order a 405's Allow lists methods in, whatever the order of the route's operations.
    private static readonly string[] AllowOrder = [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    private readonly TemplateMatcher _matcher;

    internal ApiRoute(string template, params RouteOperation[] operations)
    {
        Template = template;
        Operations = operations;
        Allow = string.Join(", ", operations.Select(operation => operation.Method).OrderBy(method => Array.IndexOf(AllowOrder, method)));
        _matcher = new TemplateMatcher(TemplateParser.Parse(template), []);
    }

    /// <summary>The route template, as both hosts' routers take it.</summary>
    public string Template { get; }

    /// <summary>The operations, in the document's order.</summary>
    public IReadOnlyList<RouteOperation> Operations { get; }

    /// <summary>The methods the route answers, as a 405's <c>Allow</c> lists them: GET, POST, PUT, PATCH, DELETE.</summary>
    public string Allow { get; }

    /// <summary>Whether a request path is on this route; its values go into <paramref name="values"/>.</summary>
    internal bool Matches(PathString path, RouteValueDictionary values) => _matcher.TryMatch(path, values);
}
