using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProfileFunctions.Core.Responses;

/// <summary>The Graph error format: <c>{"error": {"code", "message", "innerError"}}</c>.</summary>
internal sealed record GraphErrorResponse(GraphError Error);

internal sealed record GraphError(string Code, string Message, GraphInnerError InnerError);

internal sealed record GraphInnerError(
    string Date,
    [property: JsonPropertyName("request-id")] string RequestId,
    [property: JsonPropertyName("client-request-id")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? ClientRequestId);

[JsonSerializable(typeof(GraphErrorResponse))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Camel case, and no \u escapes for quotes or angle brackets in messages: the responses are application/json,
    /// never embedded in HTML.
    /// </summary>
    public static ResponseJsonContext Api { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
