using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Telemetry;

namespace ProfileFunctions.Core.Http;

/// <summary>
/// The ids that tie a response to its request: a new <c>request-id</c> for every request, and the client's own
/// <c>client-request-id</c> echoed back. Every host begins it once per request, before anything can answer, so that
/// success and error responses alike carry them, and <c>X-Content-Type-Options: nosniff</c> with them.
/// </summary>
public sealed class RequestCorrelation
{
    /// <summary>The response header that carries <see cref="RequestId"/>.</summary>
    public const string RequestIdHeader = "request-id";

    /// <summary>The request header a client may send, echoed in the response.</summary>
    public const string ClientRequestIdHeader = "client-request-id";

    /// <summary>The response header that tells browsers never to guess a response's type from its bytes.</summary>
    public const string ContentTypeOptionsHeader = "X-Content-Type-Options";

    private const int MaxClientRequestIdLength = 128;

    private RequestCorrelation(string requestId, string? clientRequestId)
    {
        RequestId = requestId;
        ClientRequestId = clientRequestId;
    }

    /// <summary>A new GUID, the same in the header and in an error body's <c>innerError</c>.</summary>
    public string RequestId { get; }

    /// <summary>The client's <c>client-request-id</c>, when it sent one that the contract echoes.</summary>
    public string? ClientRequestId { get; }

    /// <summary>
    /// Gives the request its ids and sets the response headers: call it first thing for every request (a middleware).
    /// Calling it again returns the same ids.
    /// </summary>
    /// <param name="context">The request.</param>
    public static RequestCorrelation Begin(HttpContext context)
    {
        if (context.Features.Get<RequestCorrelation>() is { } existing)
        {
            return existing;
        }

        var correlation = new RequestCorrelation(RandomGuid.Create().ToString(), EchoableClientRequestId(context.Request));
        context.Features.Set(correlation);

        // On the request's span, so that a request-id a client reports leads to its trace.
        if (ProfileTelemetry.RecordedSpan is { } span)
        {
            span.SetTag("http.response.header.request-id", correlation.RequestId);
            span.SetTag("http.request.header.client-request-id", correlation.ClientRequestId);
        }

        correlation.SetHeaders(context.Response);
        return correlation;
    }

    /// <summary>Sets the headers again, after something cleared the response.</summary>
    internal void SetHeaders(HttpResponse response)
    {
        response.Headers[RequestIdHeader] = RequestId;
        response.Headers[ContentTypeOptionsHeader] = "nosniff";
        if (ClientRequestId is not null)
        {
            response.Headers[ClientRequestIdHeader] = ClientRequestId;
        }
    }

    /// <summary>
    /// The client's id when it is 1 to 128 visible ASCII characters, else null: anything else is ignored, because a
    /// control or non-ASCII character cannot go into a response header (the server throws) and a long one only echoes
    /// the client's bytes back.
    /// </summary>
    private static string? EchoableClientRequestId(HttpRequest request)
    {
        var values = request.Headers[ClientRequestIdHeader];
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxClientRequestIdLength } value)
        {
            return null;
        }

        foreach (char c in value)
        {
            if (c is < '!' or > '~')
            {
                return null;
            }
        }

        return value;
    }
}

/// <summary>
/// Version 4 GUIDs from the process's own CSPRNG. <see cref="Guid.NewGuid"/> reads the kernel's random device on
/// every call (a system call per id); <see cref="RandomNumberGenerator"/> draws from OpenSSL in user space. A
/// request needs two ids (its request-id and the new resource's), so the difference shows in CPU per request.
/// </summary>
internal static class RandomGuid
{
    public static Guid Create()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);

        // RFC 9562: version 4 in the high nibble of the time_hi field, variant 10xx in clock_seq_hi.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
