using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>POST /user/{userId}/profile: creates the user's one profile.</summary>
public sealed class CreateProfile
{
    private readonly ResourceCreator _inner;

    internal CreateProfile(ResourceCreator inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandleAsync(HttpContext context, string userId) => _inner.CreateAsync(context, userId, ResourceDefinition.Profile);
}
