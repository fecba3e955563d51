using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>GET /user/{userId}/photos/{photoId}: one photo as its create returned it.</summary>
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
public sealed class ReadPhoto : IDescribedOperation
{
    private readonly ResourceReader _inner;

    internal ReadPhoto(ResourceReader inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadPhoto>> HandleAsync(HttpContext context, string userId, string photoId) => new(await _inner.ReadAsync(context, userId, ResourceDefinition.Photo, photoId));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Read(typeof(PhotoDocument), 400, 401, 403, 404, 500, 503);
}
