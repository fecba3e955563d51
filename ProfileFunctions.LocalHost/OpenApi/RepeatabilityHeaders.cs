using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ProfileFunctions.Core.Repeatability;

namespace ProfileFunctions.LocalHost.OpenApi;

/// <summary>
/// The repeatability headers of the create operations (OASIS Repeatable Requests): an operation transformer keyed by
/// operation id, since endpoint metadata has no way to describe request headers that are not bound to parameters.
/// </summary>
internal static class RepeatabilityHeaders
{
    private static readonly HashSet<string> Creates = ["CreateProfile", "CreatePhoto"];

    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !Creates.Contains(id))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RepeatabilityHeaderNames.RequestId,
            In = ParameterLocation.Header,
            Description = "A key that makes the create safe to retry: send the same key and the same body again after any failure "
                + "(a 503, a lost response) to get the first 201 again, never a second resource. Scoped to the route, the user and the caller.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = RepeatabilityHeaderNames.MaxKeyLength, Pattern = "^[A-Za-z0-9._:-]+$" },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RepeatabilityHeaderNames.FirstSent,
            In = ParameterLocation.Header,
            Description = "When the request with this key was first sent, as an HTTP-date (IMF-fixdate). Only with Repeatability-Request-ID.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [JsonValue.Create("Sun, 06 Nov 1994 08:49:37 GMT")] },
        });

        if (operation.Responses?.TryGetValue("201", out var created) == true && created is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[RepeatabilityHeaderNames.Result] = new OpenApiHeader
            {
                Description = "'accepted' on every 201 of a request that sent Repeatability-Request-ID.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(RepeatabilityHeaderNames.Accepted)] },
            };
        }

        return Task.CompletedTask;
    }
}
