using System.Globalization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.OpenApi;

namespace ProfileFunctions.LocalHost.OpenApi;

// The 405 every operation describes, apart from the rest: it is the one response an operation has for methods it is not.
internal static partial class OperationDescriptions
{
    private const string MethodNotAllowed = "405";

    /// <summary>
    /// Another method on the operation's path answers 405 with the path's methods in <c>Allow</c>, before authentication.
    /// OpenAPI describes operations, not the methods a path lacks; a 405 on each of the path's operations is where a
    /// generator (and the tests' DocumentedResponses) sees it, its <c>Allow</c> the route's own list when the route is one
    /// of the contract's. Placed among the other statuses in numeric order.
    /// </summary>
    private static void DescribeMethodNotAllowed(OpenApiOperation operation, ApiDescription description, OpenApiDocument document)
    {
        var allowHeader = HeaderSchemas.Header(DescribedHeaders.Allow, required: true);
        string? allow = RouteTable.Routes.FirstOrDefault(route => string.Equals(route.Template, description.RelativePath, StringComparison.Ordinal))?.Allow;
        if (allow is not null && allowHeader.Schema is OpenApiSchema schema)
        {
            schema.Const = allow;
            schema.Pattern = null;
        }

        var headers = Headers(StatusCodes.Status405MethodNotAllowed, []);
        headers[DescribedHeaders.Allow] = allowHeader;
        var notAllowed = new OpenApiResponse
        {
            Description = "Method Not Allowed: a method this path does not list, answered before authentication; Allow lists the path's methods.",
            Headers = headers,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ResourceSchemas.Error, document) },
            },
        };

        operation.Responses ??= [];
        var ordered = operation.Responses.ToList();
        operation.Responses.Clear();
        bool placed = false;
        foreach (var (key, value) in ordered)
        {
            if (!placed && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int status) && status > StatusCodes.Status405MethodNotAllowed)
            {
                operation.Responses[MethodNotAllowed] = notAllowed;
                placed = true;
            }

            operation.Responses[key] = value;
        }

        if (!placed)
        {
            operation.Responses[MethodNotAllowed] = notAllowed;
        }
    }
}
