using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.OpenApi;
using ProfileFunctions.Tests.Infrastructure;

namespace ProfileFunctions.Tests.Integration;

/// <summary>The local host's endpoints, held to Core's route table as the Functions app's functions are.</summary>
[Collection(ApiCollectionDefinition.Name)]
public sealed class LocalHostRoutesTests(ApiFixture api)
{
    [Fact]
    public async Task EveryOperationOfTheRouteTableIsMappedOnItsRouteAndMethodToItsHandler()
    {
        await using var host = api.StartOwnApi();
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        foreach (var route in RouteTable.Routes)
        {
            foreach (var operation in route.Operations)
            {
                // The documented endpoint of the operation: its route and method, and the handler the table names.
                var mapped = Assert.Single(endpoints, endpoint =>
                    endpoint.RoutePattern.RawText == route.Template
                    && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.SequenceEqual([operation.Method]) == true
                    && endpoint.Order == 0);
                Assert.Equal(operation.Name, mapped.Metadata.GetRequiredMetadata<DescribedOperationMetadata>().Operation.Name);
            }

            // Every other method: the 405 endpoint of the route, after the operations.
            Assert.Single(endpoints, endpoint => endpoint.RoutePattern.RawText == route.Template && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null);
        }

        Assert.Equal(RouteTable.Routes.Sum(route => route.Operations.Count), endpoints.Count(endpoint => endpoint.Order == 0 && endpoint.Metadata.GetMetadata<DescribedOperationMetadata>() is not null));
    }
}
