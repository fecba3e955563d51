using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>GET /user/{userId}/profile: the profile as its create returned it.</summary>
public sealed class ReadProfile
{
    private readonly ResourceReader _inner;

    internal ReadProfile(ResourceReader inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandleAsync(HttpContext context, string userId) => _inner.ReadAsync(context, userId, ResourceDefinition.Profile, photoId: null);
}
