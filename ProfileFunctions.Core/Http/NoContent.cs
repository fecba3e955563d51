using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.Http;

/// <summary>204: the request took effect and there is nothing to send back but, when it made a version, its <c>ETag</c>.</summary>
internal sealed class NoContent(string? etag, bool minimalPreferred = false) : IResult
{
    public string? ETag { get; } = etag;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
        if (ETag is not null)
        {
            httpContext.Response.Headers.ETag = ETag;
        }

        // RFC 7240: say that the 204 is the client's Prefer: return=minimal honoured, not a body lost.
        if (minimalPreferred)
        {
            httpContext.Response.Headers["Preference-Applied"] = ReturnPreference.Minimal;
        }

        return Task.CompletedTask;
    }
}
