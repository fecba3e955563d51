using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>PATCH /user/{userId}/photos/{photoId}: applies a JSON Merge Patch (RFC 7396) to one photo.</summary>
[RequestHeader(DescribedHeaders.Prefer)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
public sealed class UpdatePhoto : IDescribedOperation
{
    private readonly ResourceUpdater _inner;

    internal UpdatePhoto(ResourceUpdater inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<UpdatePhoto>> HandleAsync(HttpContext context, string userId, string photoId) => new(await _inner.UpdateAsync(context, userId, ResourceDefinition.Photo, photoId));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = ChangeResponses.Update(typeof(PhotoDocument));
}
