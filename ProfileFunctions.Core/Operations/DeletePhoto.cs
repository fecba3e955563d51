using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>DELETE /user/{userId}/photos/{photoId}: deletes one photo.</summary>
public sealed class DeletePhoto : IDescribedOperation
{
    private readonly ResourceDeleter _inner;

    internal DeletePhoto(ResourceDeleter inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<DeletePhoto>> HandleAsync(HttpContext context, string userId, string photoId) => new(await _inner.DeleteAsync(context, userId, ResourceDefinition.Photo, photoId));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = ChangeResponses.Delete(400, 401, 403, 404, 412, 500, 503);
}
