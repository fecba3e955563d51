using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ProfileFunctions.Core.Http;

/// <summary>304: the client's copy (named by <c>If-None-Match</c>) is current. No body; the ETag again.</summary>
internal sealed class NotModified(string etag) : IResult
{
    public string ETag { get; } = etag;

    /// <summary>Whether an <c>If-None-Match</c> header names this ETag (weak comparison, as RFC 9110 asks), or is <c>*</c>.</summary>
    public static bool Matches(IList<string> ifNoneMatch, string etag) =>
        ifNoneMatch.Count > 0
        && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && EntityTagHeaderValue.TryParse(etag, out var current)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        httpContext.Response.Headers.ETag = ETag;
        return Task.CompletedTask;
    }
}
