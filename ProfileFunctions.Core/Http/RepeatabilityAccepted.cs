using Microsoft.AspNetCore.Http;

namespace ProfileFunctions.Core.Http;

/// <summary>A 201 of a request that sent a key: the resource, with <c>Repeatability-Result: accepted</c>.</summary>
internal sealed class RepeatabilityAccepted(IResult created) : IResult
{
    public IResult Created { get; } = created;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[RepeatableRequest.ResultHeader] = RepeatableRequest.Accepted;
        return Created.ExecuteAsync(httpContext);
    }
}
