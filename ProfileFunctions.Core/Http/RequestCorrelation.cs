using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Identifiers;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// The ids that tie a response to its request: a new <c>request-id</c> for every request, and the client's own
/// <c>client-request-id</c> echoed back. Created once per request, on first use, so that success and error
/// responses alike carry them.
/// </summary>
internal sealed class RequestCorrelation
{
    public const string RequestIdHeader = "request-id";
    public const string ClientRequestIdHeader = "client-request-id";

    private RequestCorrelation(string requestId, string? clientRequestId)
    {
        RequestId = requestId;
        ClientRequestId = clientRequestId;
    }

    public string RequestId { get; }

    public string? ClientRequestId { get; }

    public static RequestCorrelation For(HttpContext context)
    {
        if (context.Features.Get<RequestCorrelation>() is { } existing)
        {
            return existing;
        }

        string clientRequestId = context.Request.Headers[ClientRequestIdHeader].ToString();
        var correlation = new RequestCorrelation(
            RandomGuid.Create().ToString(),
            clientRequestId.Length == 0 ? null : clientRequestId);
        context.Features.Set(correlation);

        // On the request's span, so that a request-id a client reports leads to its trace.
        if (Activity.Current is { } span)
        {
            span.SetTag("http.response.header.request-id", correlation.RequestId);
            span.SetTag("http.request.header.client-request-id", correlation.ClientRequestId);
        }

        var headers = context.Response.Headers;
        headers[RequestIdHeader] = correlation.RequestId;
        if (correlation.ClientRequestId is not null)
        {
            headers[ClientRequestIdHeader] = correlation.ClientRequestId;
        }

        return correlation;
    }
}
