using Microsoft.OpenApi;
using ProfileFunctions.Core.OpenApi;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>What each header the document names holds, as the contract states it.</summary>
internal static class HeaderSchemas
{
    private static readonly Dictionary<string, (string Description, Func<OpenApiSchema> Schema)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [DescribedHeaders.RequestId] = ("A new GUID for this request; an error's innerError.request-id is the same.", () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }),
        [DescribedHeaders.ClientRequestId] = ("The client's own id for the request, echoed on the response and in an error's innerError.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.ETag] = ("The entity's tag (weak).", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.Location] = ("The created resource's absolute URL.", () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" }),
        [DescribedHeaders.RetryAfter] = ("Seconds to wait before a retry.", () => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "60" }),
        [DescribedHeaders.WwwAuthenticate] = ("The bearer challenge.", () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^Bearer" }),
        [DescribedHeaders.IfNoneMatch] = ("The ETag the client holds: 304 while it is still the entity's.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.IfMatch] = ("'*' or a list of entity tags (weak comparison): 412 unless the current ETag is among them.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.Prefer] = ("'return=minimal' answers 204 with the ETag and no body.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.RepeatabilityRequestId] = ("OASIS Repeatable Requests: the client's key, which makes a retry of the create safe.", () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^[A-Za-z0-9\-_.:]{1,64}$" }),
        [DescribedHeaders.RepeatabilityFirstSent] = ("OASIS Repeatable Requests: when the request was first sent, an HTTP-date; only with Repeatability-Request-ID.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
        [DescribedHeaders.RepeatabilityResult] = ("OASIS Repeatable Requests: on every 201 of a request that sent a key.", () => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["accepted"] }),
        [DescribedHeaders.CacheControl] = ("How the response may be cached.", () => new OpenApiSchema { Type = JsonSchemaType.String }),
    };

    public static OpenApiParameter Parameter(string name)
    {
        var (description, schema) = Lookup(name);
        return new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = schema };
    }

    public static OpenApiHeader Header(string name, bool required)
    {
        var (description, schema) = Lookup(name);
        return new OpenApiHeader { Description = description, Required = required, Schema = schema };
    }

    // A name the catalogue lacks fails the document's generation (and so its tests), rather than leaving a header undescribed.
    private static (string Description, OpenApiSchema Schema) Lookup(string name) =>
        Known.TryGetValue(name, out var known)
            ? (known.Description, known.Schema())
            : throw new InvalidOperationException($"The header '{name}' is not one HeaderSchemas describes: add it there.");
}
