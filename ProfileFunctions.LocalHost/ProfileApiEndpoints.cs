using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.LocalHost;

/// <summary>Maps the Core's operations from its route table, on the contract's routes by method, as the Functions app's triggers do.</summary>
internal static class ProfileApiEndpoints
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        var operations = RouteTable.Routes.SelectMany(route => route.Operations.Select(operation => (route.Template, Operation: operation))).ToList();

        // The documented operations, one handler each, in the document's order. Their responses' metadata comes from the
        // handlers' return types; what a request accepts is said here, because the Accepts metadata also takes part in routing (below).
        // The handlers are the table's delegates, bound when the endpoints are built (the request delegate generator
        // sees only lambdas written at the call).
        foreach (var (template, operation) in operations.OrderBy(entry => entry.Operation.Document.Order))
        {
            var document = operation.Document;
            var mapped = endpoints.MapMethods(template, [operation.Method], operation.Endpoint)
                .WithName(document.OperationId).WithSummary(document.Summary).WithTags(document.Tag);
            if (document.Accepts is { } body)
            {
                mapped.Accepts(body, document.AcceptsContentTypes[0], [.. document.AcceptsContentTypes.Skip(1)]);
            }
        }

        // A request whose Content-Type the Accepts metadata above turns away: routing would answer that 415 itself, with no
        // body and before authentication; without the metadata the operation answers it, in the contract's order of checks.
        foreach (var (template, operation) in operations.Where(entry => entry.Operation.Document.Accepts is not null))
        {
            endpoints.MapMethods(template, [operation.Method], operation.Endpoint).WithOrder(1).ExcludeFromDescription();
        }

        // Every other method on a route: 405 with the route's Allow list, in the contract's format (routing's own 405
        // has no body). Order 2: the operations above win for their methods.
        foreach (var route in RouteTable.Routes)
        {
            endpoints.Map(route.Template, context => RouteAnswers.MethodNotAllowed(route.Allow).ExecuteAsync(context)).WithOrder(2).ExcludeFromDescription();
        }

        // "{*path}" rather than the default fallback pattern, which skips paths that look like file names. A
        // RequestDelegate: nothing to bind (and the request delegate generator, should it be turned on again, ignores the
        // pattern of MapFallback(pattern, Delegate): dotnet/aspnetcore#65992).
        endpoints.MapFallback("{*path}", context => RouteAnswers.UnknownRoute().ExecuteAsync(context));
        return endpoints;
    }
}
