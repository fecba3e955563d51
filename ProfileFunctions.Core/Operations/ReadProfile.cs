using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>GET /user/{userId}/profile: the profile as its create returned it.</summary>
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
public sealed class ReadProfile : IDescribedOperation
{
    private readonly ResourceReader _inner;

    internal ReadProfile(ResourceReader inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadProfile>> HandleAsync(HttpContext context, string userId) => new(await _inner.ReadAsync(context, userId, ResourceDefinition.Profile, photoId: null));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Read(typeof(ProfileDocument), 400, 401, 403, 404, 500, 503);
}
