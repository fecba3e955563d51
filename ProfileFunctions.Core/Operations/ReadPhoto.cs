using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>GET /user/{userId}/photos/{photoId}: one photo as its create returned it.</summary>
public sealed class ReadPhoto
{
    private readonly ResourceReader _inner;

    internal ReadPhoto(ResourceReader inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public Task<IResult> HandleAsync(HttpContext context, string userId, string photoId) => _inner.ReadAsync(context, userId, ResourceDefinition.Photo, photoId);
}
