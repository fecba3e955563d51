using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Responses;

/// <summary>201 Created with the resource's JSON, its relative <c>Location</c> and the entity's <c>ETag</c>.</summary>
internal sealed class CreatedResource(string location, string? etag, byte[] json) : IResult
{
    public string Location { get; } = location;

    public string? ETag { get; } = etag;

    public byte[] Json { get; } = json;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        RequestCorrelation.For(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = JsonContent.MediaType;
        response.ContentLength = Json.Length;
        response.Headers.Location = Location;
        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        return response.Body.WriteAsync(Json, httpContext.RequestAborted).AsTask();
    }
}
