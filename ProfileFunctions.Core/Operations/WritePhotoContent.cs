using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Responses;

namespace ProfileFunctions.Core.Operations;

/// <summary>PUT /user/{userId}/photos/{photoId}/$value: stores the photo's image (JPEG, PNG, GIF or WebP, at most 4 MiB).</summary>
[RequestBody(null, "image/jpeg", "image/png", "image/gif", "image/webp")]
[ResponseHeader(StatusCodes.Status204NoContent, DescribedHeaders.ETag)]
public sealed class WritePhotoContent : IDescribedOperation
{
    private readonly PhotoContentWriter _inner;

    internal WritePhotoContent(PhotoContentWriter inner)
    {
        _inner = inner;
    }

    /// <param name="context">The request; its body is the image.</param>
    /// <param name="userId">The route's <c>userId</c>, percent-decoded.</param>
    /// <param name="photoId">The route's <c>photoId</c>, percent-decoded.</param>
    public async Task<OperationResult<WritePhotoContent>> HandleAsync(HttpContext context, string userId, string photoId) => new(await _inner.WriteAsync(context, userId, photoId));

    /// <inheritdoc/>
    public static IReadOnlyList<(int Status, Type? Body)> Responses { get; } =
        [(StatusCodes.Status204NoContent, null), .. new[] { 400, 401, 403, 404, 412, 413, 415, 500, 503 }.Select(error => (error, (Type?)typeof(GraphErrorResponse)))];
}
