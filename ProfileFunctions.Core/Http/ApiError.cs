using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.Http;

/// <summary>An error response in the contract's (Graph's) format, with the correlation headers.</summary>
internal sealed class ApiError : IResult
{
    private ApiError(int statusCode, string code, string message)
    {
        StatusCode = statusCode;
        Code = code;
        Message = message;
    }

    public int StatusCode { get; }

    public string Code { get; }

    public string Message { get; }

    public string? WwwAuthenticate { get; private init; }

    public string? Allow { get; private init; }

    public int? RetryAfterSeconds { get; private init; }

    public static ApiError BadRequest(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);

    public static ApiError Unauthorized(string message, string challenge) =>
        new(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidAuthenticationToken, message) { WwwAuthenticate = challenge };

    public static ApiError QuotaLimitReached(string what, int limit) => new(
        StatusCodes.Status403Forbidden,
        ErrorCodes.QuotaLimitReached,
        string.Create(CultureInfo.InvariantCulture, $"A user may hold at most {limit:N0} {what}: delete one before adding another."));

    // The same words whatever the reason, so a 403 never hints at whether another user's resource exists.
    public static ApiError Forbidden() => new(
        StatusCodes.Status403Forbidden,
        ErrorCodes.AuthorizationRequestDenied,
        "Insufficient privileges to complete the operation: the token needs the Profile.ReadWrite.All role, or the Profile.ReadWrite scope for the caller's own userId.");

    public static ApiError NotFound(string message) => new(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, message);

    public static ApiError MethodNotAllowed(string allow) => new(
        StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.MethodNotAllowed,
        $"This method is not allowed on this resource; allowed: {allow}.") { Allow = allow };

    public static ApiError Conflict(string message) => new(StatusCodes.Status409Conflict, ErrorCodes.Conflict, message);

    public static ApiError PreconditionFailed(string message) => new(StatusCodes.Status412PreconditionFailed, ErrorCodes.PreconditionFailed, message);

    /// <summary>413 for what the body would become (a patch that makes the stored body too large), not the body as sent.</summary>
    public static ApiError RequestEntityTooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestEntityTooLarge, message);

    public static ApiError UnsupportedPatchMediaType() => new(
        StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.UnsupportedMediaType,
        "A PATCH body must be sent with Content-Type: application/merge-patch+json or application/json (UTF-8).");

    public static ApiError RequestEntityTooLarge(int limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.RequestEntityTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit:N0} bytes."));

    public static ApiError UnsupportedMediaType() => new(
        StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.UnsupportedMediaType,
        "The request body must be sent with Content-Type: application/json (UTF-8).");

    public static ApiError UnsupportedMediaType(string message) => new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, message);

    public static ApiError TooManyRequests(int retryAfterSeconds) => new(
        StatusCodes.Status429TooManyRequests,
        ErrorCodes.TooManyRequests,
        "Too many requests from this caller; retry after the number of seconds in Retry-After.") { RetryAfterSeconds = retryAfterSeconds };

    public static ApiError InternalServerError() => new(
        StatusCodes.Status500InternalServerError,
        ErrorCodes.InternalServerError,
        "The server failed to process the request; quote the request-id if you report it.");

    public static ApiError ServiceUnavailable(int retryAfterSeconds) => new(
        StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.ServiceUnavailable,
        "Storage could not be reached in time; retry after the number of seconds in Retry-After.") { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>A create's 503: its outcome is unknown, and the message says how to retry it safely.</summary>
    public static ApiError CreateOutcomeUnknown(int retryAfterSeconds) => new(
        StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.ServiceUnavailable,
        "Storage could not be reached in time, so the create may or may not have been made. Retry after the number of seconds "
            + "in Retry-After with the same Repeatability-Request-ID header and the same body: that is safe, and answers with "
            + "the resource if it was made. (A retry with only the same body id cannot make a second resource, but may answer 409.)") { RetryAfterSeconds = retryAfterSeconds };

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ProfileTelemetry.RecordError(StatusCode, Code);
        var correlation = RequestCorrelation.Begin(httpContext);
        var time = httpContext.RequestServices?.GetService<TimeProvider>() ?? TimeProvider.System;
        var body = new GraphErrorResponse(new GraphError(
            Code,
            Message,
            new GraphInnerError(
                time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                correlation.RequestId,
                correlation.ClientRequestId)));
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(body, ResponseJsonContext.Api.GraphErrorResponse);

        var headers = httpContext.Response.Headers;
        if (WwwAuthenticate is not null)
        {
            headers.WWWAuthenticate = WwwAuthenticate;
        }

        if (Allow is not null)
        {
            headers.Allow = Allow;
        }

        if (RetryAfterSeconds is { } seconds)
        {
            headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return JsonContent.WriteAsync(httpContext, StatusCode, json);
    }
}

/// <summary>The contract's error codes, one per status.</summary>
internal static class ErrorCodes
{
    public const string BadRequest = "BadRequest";
    public const string InvalidAuthenticationToken = "InvalidAuthenticationToken";
    public const string AuthorizationRequestDenied = "Authorization_RequestDenied";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string Conflict = "Conflict";
    public const string PreconditionFailed = "PreconditionFailed";
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalServerError = "InternalServerError";
    public const string QuotaLimitReached = "QuotaLimitReached";
    public const string ServiceUnavailable = "ServiceUnavailable";
}

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
