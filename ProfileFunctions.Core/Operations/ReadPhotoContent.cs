using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Responses;

namespace ProfileFunctions.Core.Operations;

/// <summary>GET /user/{userId}/photos/{photoId}/$value: the photo's image, as stored.</summary>
public sealed class ReadPhotoContent : IDescribedOperation
{
    /// <summary>What a 200 may hold: the types a photo's content may have.</summary>
    public static IReadOnlyList<string> ContentTypes => Content.PhotoContentTypes.All;

    private readonly PhotoContentReader _inner;

    internal ReadPhotoContent(PhotoContentReader inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadPhotoContent>> HandleAsync(HttpContext context, string userId, string photoId) => new(await _inner.ReadAsync(context, userId, photoId));

    /// <summary>
    /// The 200 is binary, not JSON, so a host describes it itself (with <see cref="ContentTypes"/>); the rest are listed here.
    /// </summary>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } =
        [(StatusCodes.Status304NotModified, null), .. new[] { 400, 401, 403, 404, 500, 503 }.Select(error => (error, (Type?)typeof(GraphErrorResponse)))];
}
