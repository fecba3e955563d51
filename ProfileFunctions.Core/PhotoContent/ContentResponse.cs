using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Content;

namespace ProfileFunctions.Core.PhotoContent;

/// <summary>200 with a photo's content streamed from its blob: its stored type, length and ETag, cacheable by the caller only.</summary>
internal sealed class ContentResponse(StoredContent content) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var open = content;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = content.ContentType;
        response.ContentLength = content.Length;
        response.Headers.ETag = content.ETag.ToString("H");

        // Another user's photo must never be served from a shared cache.
        response.Headers.CacheControl = "private";
        try
        {
            await content.Content.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is IOException or Azure.RequestFailedException && !httpContext.RequestAborted.IsCancellationRequested)
        {
            // The headers and part of the body are gone already: cut the connection, so the client sees a broken response
            // (shorter than its Content-Length) rather than a complete-looking one.
            httpContext.Abort();
        }
    }
}
