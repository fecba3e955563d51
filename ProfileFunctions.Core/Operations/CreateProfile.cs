using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Operations;

/// <summary>POST /user/{userId}/profile: creates the user's one profile.</summary>
[RequestHeader(DescribedHeaders.RepeatabilityRequestId)]
[RequestHeader(DescribedHeaders.RepeatabilityFirstSent)]
[ResponseHeader(StatusCodes.Status201Created, DescribedHeaders.RepeatabilityResult, Required = false)]
public sealed class CreateProfile : IDescribedOperation
{
    private readonly ResourceCreator _inner;

    internal CreateProfile(ResourceCreator inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    public async Task<OperationResult<CreateProfile>> HandleAsync(HttpContext context, string userId) => new(await _inner.CreateAsync(context, userId, ResourceDefinition.Profile));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } = DescribedResponses.Success(StatusCodes.Status201Created, typeof(ProfileDocument), 400, 401, 403, 409, 413, 415, 500, 503);
}
