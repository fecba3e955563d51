using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>POST /user/{userId}/photos: adds a photo.</summary>
public sealed class CreatePhoto
{
    private readonly ResourceCreator _inner;

    internal CreatePhoto(ResourceCreator inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public Task<IResult> HandleAsync(HttpContext context, string userId) => _inner.CreateAsync(context, userId, ResourceDefinition.Photo);
}
