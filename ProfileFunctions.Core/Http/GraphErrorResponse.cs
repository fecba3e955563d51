using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProfileFunctions.Core.Http;

/// <summary>The Graph error format, every error's body: <c>{"error": {"code", "message", "innerError"}}</c>.</summary>
/// <param name="Error">The error.</param>
public sealed record GraphErrorResponse(GraphError Error);

/// <summary>What went wrong.</summary>
/// <param name="Code">The contract's code for the status, e.g. <c>BadRequest</c>.</param>
/// <param name="Message">A sentence a person can act on.</param>
/// <param name="InnerError">When and which request.</param>
public sealed record GraphError(string Code, string Message, GraphInnerError InnerError);

/// <summary>The request the error answered.</summary>
/// <param name="Date">UTC, ISO 8601.</param>
/// <param name="RequestId">The response's <c>request-id</c> header.</param>
/// <param name="ClientRequestId">The client's <c>client-request-id</c>, when it sent one.</param>
public sealed record GraphInnerError(
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
