using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>DELETE /user/{userId}/profile: deletes the profile.</summary>
public sealed class DeleteProfile : IDescribedOperation
{
    private readonly ResourceDeleter _inner;

    internal DeleteProfile(ResourceDeleter inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<DeleteProfile>> HandleAsync(HttpContext context, string userId) => new(await _inner.DeleteAsync(context, userId, ResourceDefinition.Profile, photoId: null));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = ChangeResponses.Delete(400, 401, 403, 404, 412, 500, 503);
}
