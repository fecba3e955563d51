using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>PATCH /user/{userId}/profile: applies a JSON Merge Patch (RFC 7396) to the profile.</summary>
[RequestHeader(DescribedHeaders.Prefer)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
public sealed class UpdateProfile : IDescribedOperation
{
    private readonly ResourceUpdater _inner;

    internal UpdateProfile(ResourceUpdater inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<UpdateProfile>> HandleAsync(HttpContext context, string userId) => new(await _inner.UpdateAsync(context, userId, ResourceDefinition.Profile, photoId: null));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = ChangeResponses.Update(typeof(ProfileDocument));
}
