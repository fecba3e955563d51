using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ProfileFunctions.Core.Hosting;
using ProfileFunctions.Core.OpenApi;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>
/// Completes each operation from what the Core says about it: the route parameters' syntax, the headers every operation
/// has, those its statuses imply and those its type declares (<see cref="RequestHeaderAttribute"/>,
/// <see cref="ResponseHeaderAttribute"/>), its bodies as the document's request and response schemas
/// (<see cref="ResourceSchemas"/>, <see cref="RequestBodyAttribute"/>, <see cref="BinaryResponseAttribute"/>), and its
/// security requirement.
/// </summary>
internal static partial class OperationDescriptions
{
    private const string Json = "application/json";
    private const string NotModifiedRange = "3XX";

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        var described = context.Description.ActionDescriptor.EndpointMetadata.OfType<DescribedOperationMetadata>().LastOrDefault();
        var type = described?.Operation;
        string method = context.Description.HttpMethod ?? "GET";

        DescribeRouteParameters(operation);
        DescribeQueryParameters(operation, context.Description);
        DescribeRequestHeaders(operation, type);
        DescribeRequestBody(operation, context.Description, type, method, document);
        DescribeResponses(operation, context.Description, type, document);
        DescribeMethodNotAllowed(operation, context.Description, document);
        DescribeBinaryReadsNotModified(operation, type);
        operation.Security = ProfileApiDocument.Requirements(document);
        return Task.CompletedTask;
    }

    private static void DescribeRouteParameters(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(parameter => parameter.In == ParameterLocation.Path))
        {
            parameter.Schema = parameter.Name switch
            {
                "userId" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = ResourceSchemas.UserIdPattern, MinLength = 1, MaxLength = 128 },
                "photoId" => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = ResourceSchemas.GuidPattern },
                "size" => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. ProfileRoutes.PhotoSizes.Select(size => (JsonNode)size)] },
                _ => parameter.Schema,
            };
            parameter.Description = parameter.Name switch
            {
                "userId" => "The user's object id or user principal name (stored in lower case), or 'me' for the caller.",
                "photoId" => "The photo's id, a non-nil GUID in .NET's D, N, B or P form, in any case.",
                "size" => "One of Graph's photo sizes: the image scaled to fit that square, never enlarged; a size the photo does not offer (its sizes) is a 404.",
                _ => parameter.Description,
            };
        }

    }

    /// <summary>After the route's: the query parameters the operation reads, which its handler takes from the request itself.</summary>
    private static void DescribeQueryParameters(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var query in description.ActionDescriptor.EndpointMetadata.OfType<DescribedQueryParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    private static void DescribeRequestHeaders(OpenApiOperation operation, Type? type)
    {
        var statuses = Statuses(operation);
        var names = new List<string> { DescribedHeaders.ClientRequestId };
        if (statuses.Contains(304))
        {
            names.Add(DescribedHeaders.IfNoneMatch);
        }

        if (statuses.Contains(412))
        {
            names.Add(DescribedHeaders.IfMatch);
        }

        names.AddRange(type?.GetCustomAttributes<RequestHeaderAttribute>().Select(header => header.Name) ?? []);
        operation.Parameters ??= [];
        foreach (string name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            operation.Parameters.Add(HeaderSchemas.Parameter(name));
        }
    }

    private static void DescribeRequestBody(OpenApiOperation operation, ApiDescription description, Type? type, string method, OpenApiDocument document)
    {
        var declared = type?.GetCustomAttribute<RequestBodyAttribute>();
        var fromMetadata = description.ParameterDescriptions.FirstOrDefault(parameter => parameter.Source == BindingSource.Body)?.Type;
        var body = declared is null ? fromMetadata : declared.Body;
        IReadOnlyList<string> contentTypes = declared?.ContentTypes
            ?? (operation.RequestBody?.Content?.Keys.ToList() is { Count: > 0 } keys ? keys : [Json]);
        if (declared is null && body is null)
        {
            return;
        }

        IOpenApiSchema schema = body is null
            ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
            : ResourceSchemas.ForRequest(body, method) is { } name
                ? new OpenApiSchemaReference(name, document)
                : throw new InvalidOperationException($"{body.Name} is not a request body ResourceSchemas describes: add it there.");
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = contentTypes.ToDictionary(contentType => contentType, _ => new OpenApiMediaType { Schema = schema }, StringComparer.Ordinal),
        };
    }

    private static void DescribeResponses(OpenApiOperation operation, ApiDescription description, Type? type, OpenApiDocument document)
    {
        var binary = type?.GetCustomAttributes<BinaryResponseAttribute>().ToDictionary(response => response.Status) ?? [];
        var declared = type?.GetCustomAttributes<ResponseHeaderAttribute>().ToList() ?? [];
        foreach (var (key, value) in operation.Responses ?? [])
        {
            if (value is not OpenApiResponse response || !int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int status))
            {
                continue;
            }

            if (binary.TryGetValue(status, out var bytes))
            {
                var schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                response.Content = bytes.ContentTypes.ToDictionary(contentType => contentType, _ => new OpenApiMediaType { Schema = schema }, StringComparer.Ordinal);
            }
            else if (description.SupportedResponseTypes.FirstOrDefault(candidate => candidate.StatusCode == status)?.Type is { } body
                && body != typeof(void)
                && ResourceSchemas.ForResponse(body) is { } name)
            {
                response.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(name, document) },
                };
            }

            response.Headers = Headers(status, declared);
        }
    }

    /// <summary>
    /// A read whose 200 is bytes documents its 304 under the range key 3XX (its description says 304 is the only 3xx it
    /// answers), so that generated clients return the bytes. A generator types a method's result from a structured success
    /// body (JSON, text); an image body is not one, and Kiota then falls back to the statuses: any "304" key (in its list of
    /// no-content statuses, KiotaBuilder.GetExecutorMethodDefaultReturnType) makes the method return nothing and drop the
    /// 200's body, whereas a range is not in that list and leaves it returning the stream. A JSON read keeps its "304".
    /// </summary>
    private static void DescribeBinaryReadsNotModified(OpenApiOperation operation, Type? type)
    {
        if (type?.GetCustomAttributes<BinaryResponseAttribute>().Any(response => response.Status == 200) is not true
            || operation.Responses is not { } responses
            || !responses.TryGetValue("304", out var notModified))
        {
            return;
        }

        // Rebuilt in the same order, so that 3XX stays between 200 and the errors.
        var ordered = responses.ToList();
        responses.Clear();
        foreach (var (key, value) in ordered)
        {
            responses[key == "304" ? NotModifiedRange : key] = value;
        }

        if (notModified is OpenApiResponse response)
        {
            response.Description = "Not Modified: 304, the only 3xx status this operation answers, when If-None-Match holds the "
                + "current ETag. No body.";
        }
    }

    /// <summary>Every response's, then the status's own, then the operation's declared ones for the status.</summary>
    private static Dictionary<string, IOpenApiHeader> Headers(int status, List<ResponseHeaderAttribute> declared)
    {
        var headers = new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase)
        {
            [DescribedHeaders.RequestId] = HeaderSchemas.Header(DescribedHeaders.RequestId, required: true),
            [DescribedHeaders.ClientRequestId] = HeaderSchemas.Header(DescribedHeaders.ClientRequestId, required: false),
        };
        string[] implied = status switch
        {
            201 => [DescribedHeaders.Location, DescribedHeaders.ETag],
            304 => [DescribedHeaders.ETag],
            401 => [DescribedHeaders.WwwAuthenticate],
            429 or 503 => [DescribedHeaders.RetryAfter],
            _ => [],
        };
        foreach (string name in implied)
        {
            headers[name] = HeaderSchemas.Header(name, required: true);
        }

        foreach (var header in declared.Where(header => header.Status == status))
        {
            headers[header.Name] = HeaderSchemas.Header(header.Name, header.Required);
        }

        return headers;
    }

    private static HashSet<int> Statuses(OpenApiOperation operation) =>
        (operation.Responses ?? []).Keys
            .Select(key => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int status) ? status : 0)
            .ToHashSet();
}
