using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.PhotoContent;

/// <summary>204 for a stored photo content, with the content's ETag (the one <c>$value</c> reads answer with).</summary>
internal sealed class ContentStored(string etag) : IResult
{
    public string ETag { get; } = etag;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
        httpContext.Response.Headers.ETag = ETag;
        return Task.CompletedTask;
    }
}
