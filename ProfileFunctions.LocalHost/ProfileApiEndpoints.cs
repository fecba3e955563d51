using ProfileFunctions.Core.Hosting;

namespace ProfileFunctions.LocalHost;

/// <summary>Maps Core's route table: each operation on its route and method, as the Functions app's triggers do.</summary>
internal static class ProfileApiEndpoints
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in RouteTable.Routes)
        {
            foreach (var operation in route.Operations)
            {
                // A request delegate, described for the OpenAPI document by the table: no delegate factory or generated
                // code builds anything for it at start-up.
                endpoints.MapMethods(route.Template, [operation.Method], operation.Answer).Add(operation.Describe);

                // A POST or PATCH whose Content-Type the accepted body's metadata turns away: routing would answer that 415
                // itself, with no body and before authentication; here the operation answers it, in the contract's order of checks.
                if (operation.AcceptsBody)
                {
                    endpoints.MapMethods(route.Template, [operation.Method], operation.Answer).WithOrder(1).ExcludeFromDescription();
                }
            }

            // Every other method: 405 with the route's Allow list, in the contract's format (routing's own 405 has no body).
            // Order 2: the operations above win for their methods.
            endpoints.Map(route.Template, context => RouteAnswers.MethodNotAllowed(route.Allow).ExecuteAsync(context)).WithOrder(2).ExcludeFromDescription();
        }

        // "{*path}" rather than the default fallback pattern, which skips paths that look like file names.
        endpoints.MapFallback("{*path}", context => RouteAnswers.UnknownRoute().ExecuteAsync(context));
        return endpoints;
    }
}
