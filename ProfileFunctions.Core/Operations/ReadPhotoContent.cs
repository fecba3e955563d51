using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Responses;

namespace ProfileFunctions.Core.Operations;

/// <summary>GET /user/{userId}/photos/{photoId}/$value: the photo's image, as stored.</summary>
[BinaryResponse(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/gif", "image/webp")]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.ETag)]
[ResponseHeader(StatusCodes.Status200OK, DescribedHeaders.CacheControl)]
public sealed class ReadPhotoContent : IDescribedOperation
{
    private readonly PhotoContentReader _inner;

    internal ReadPhotoContent(PhotoContentReader inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<ReadPhotoContent>> HandleAsync(HttpContext context, string userId, string photoId) => new(await _inner.ReadAsync(context, userId, photoId));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } =
        [(StatusCodes.Status200OK, typeof(Stream)), (StatusCodes.Status304NotModified, null), .. new[] { 400, 401, 403, 404, 500, 503 }.Select(error => (error, (Type?)typeof(GraphErrorResponse)))];
}
