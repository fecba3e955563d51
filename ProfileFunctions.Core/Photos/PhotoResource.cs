

using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;

namespace ProfileFunctions.Core.Photos;

/// <summary>What a photo is to its handlers: its OData type, where it lives, its JSON, and what its answers say.</summary>
internal static class PhotoResource
{
    public static readonly ResourceKind Kind = new("photo", "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto", hasDimensions: true);

    public static string Location(string userId, Guid id) => $"/user/{userId}/photos/{id:D}";

    /// <summary>
    /// The photo as every answer gives it: what its create returned, changed only by later writes; with content, also its
    /// media annotations (OData's media entity: the type, and the ETag exactly as <c>$value</c> gives it).
    /// </summary>
    public static byte[] Json(PhotoEntity photo) =>
        ResourceJson.Compose(
            Kind,
            Guid.Parse(photo.Id),
            photo.Height,
            photo.Width,
            photo.Body,
            photo is { ContentETag: { } etag, ContentType: { } contentType } ? (contentType, etag) : null);

    public static ApiError NotFound(string userId, string photoId) => ApiError.NotFound($"User '{userId}' has no photo with id '{photoId}'.");

    public static ApiError AlreadyExists(string userId, Guid id) => ApiError.Conflict($"User '{userId}' already has a photo with id '{id:D}'.");

    public static ApiError PreconditionFailed() => ApiError.PreconditionFailed(
        "The photo has changed since the version named in If-Match: read it again for its current ETag, and retry with that.");
}
