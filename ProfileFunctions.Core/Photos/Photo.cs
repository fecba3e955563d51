using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using ProfileFunctions.Core.Content;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

// A photo, whole: what its handlers say of it (PhotoResource), its table row (PhotoEntity), and its shapes in the
// OpenAPI document (PhotoDocument, PhotoPageDocument).

/// <summary>What a photo is to its handlers: its OData type, where it lives, its JSON, and what its answers say.</summary>
internal static class PhotoResource
{
    public static readonly ResourceKind Kind = new("photo", "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto", hasDimensions: true);

    public static string Location(string userId, Guid id) => $"/user/{userId}/photos/{id:D}";

    /// <summary>
    /// The photo as every answer gives it: what its create returned, changed only by later writes; with content, also its
    /// media annotations (OData's media entity: the type, and the ETag exactly as <c>$value</c> gives it) and its sizes.
    /// </summary>
    public static byte[] Json(PhotoEntity photo) =>
        ResourceJson.Compose(
            Kind,
            Guid.Parse(photo.Id),
            photo.Height,
            photo.Width,
            photo.Body,
            photo is { ContentETag: { } etag, ContentType: { } contentType } ? new PhotoMedia(contentType, etag, Sizes(photo)) : null);

    /// <summary>The sizes a photo with content offers, from its image's dimensions (recorded with the content).</summary>
    public static IReadOnlyList<string> Sizes(PhotoEntity photo) =>
        photo is { Width: { } width, Height: { } height } ? [.. PhotoSize.OfferedFor(width, height).Select(size => size.Name)] : [];

    /// <summary>The photo's row, or the answer when there is none to use: 404, or 503 when storage is out of reach.</summary>
    public static async Task<(IResult? Refusal, PhotoEntity? Photo)> ReadAsync(TableStore store, string userId, string photoId, CancellationToken aborted)
    {
        var read = await store.ReadAsync<PhotoEntity>(userId, photoId, aborted);
        return read.Outcome switch
        {
            StoreOutcome.Done => (null, read.Value),
            StoreOutcome.NotFound => (NotFound(userId, photoId), null),
            _ => (ApiError.ServiceUnavailable(ProfileStorage.RetryAfterSeconds), null),
        };
    }

    /// <summary>The 404 of a photo that has no content yet.</summary>
    public static ApiError NoContent(string userId, string photoId) =>
        ApiError.NotFound($"Photo '{photoId}' of user '{userId}' has no content: PUT the image to its $value first.");

    public static ApiError NotFound(string userId, string photoId) => ApiError.NotFound($"User '{userId}' has no photo with id '{photoId}'.");

    public static ApiError AlreadyExists(string userId, Guid id) => ApiError.Conflict($"User '{userId}' already has a photo with id '{id:D}'.");

    public static ApiError PreconditionFailed() => ApiError.PreconditionFailed(
        "The photo has changed since the version named in If-Match: read it again for its current ETag, and retry with that.");
}

/// <summary>A row of the <c>ProfilePhotos</c> table: many per user, keyed by photo id.</summary>
internal sealed class PhotoEntity : ResourceEntity, IStoredEntity<PhotoEntity>
{
    public const string HeightProperty = "Height";
    public const string WidthProperty = "Width";
    public const string ContentTypeProperty = "ContentType";
    public const string ContentLengthProperty = "ContentLength";
    public const string ContentETagProperty = "ContentETag";
    public const string ContentBlobProperty = "ContentBlob";

    public static string TableName => ProfileTables.Photos;

    public int? Height { get; init; }

    public int? Width { get; init; }

    /// <summary>The stored content's media type, once the photo has content (<c>$value</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>The stored content's length in bytes, once the photo has content.</summary>
    public long? ContentLength { get; init; }

    /// <summary>The blob's ETag in header form: the one version of the content that reads may return.</summary>
    public string? ContentETag { get; init; }

    /// <summary>
    /// The content's blob name within the container, <c>{userId}/{photoId}/{contentId}</c>; null on rows stored before
    /// one blob per upload, whose content is the blob <c>{userId}/{photoId}</c>.
    /// </summary>
    public string? ContentBlob { get; init; }

    /// <summary>A new photo from a valid create body, keyed by its id; the caller adds the record of the request.</summary>
    public static PhotoEntity Create(string userId, Guid id, ParsedResource parsed, string createdBy, DateTimeOffset now) =>
        Fill(new PhotoEntity { Height = parsed.Height, Width = parsed.Width }, userId, id.ToString("D"), id, parsed.Body, createdBy, now);

    public static PhotoEntity FromTableEntity(TableEntity row) =>
        ReadCommon(
            new PhotoEntity
            {
                Height = row.GetInt32(HeightProperty),
                Width = row.GetInt32(WidthProperty),
                ContentType = row.GetString(ContentTypeProperty),
                ContentLength = row.GetInt64(ContentLengthProperty),
                ContentETag = row.GetString(ContentETagProperty),
                ContentBlob = row.GetString(ContentBlobProperty),
            },
            row);

    // A dimension that was not sent is not stored at all, rather than stored as null.
    protected override void AddOwnProperties(TableEntity row)
    {
        if (Height is { } height)
        {
            row[HeightProperty] = height;
        }

        if (Width is { } width)
        {
            row[WidthProperty] = width;
        }

        if (ContentETag is not null)
        {
            row[ContentTypeProperty] = ContentType;
            row[ContentLengthProperty] = ContentLength;
            row[ContentETagProperty] = ContentETag;
            if (ContentBlob is not null)
            {
                row[ContentBlobProperty] = ContentBlob;
            }
        }
    }
}

// A photo's shapes, for endpoint metadata (the OpenAPI document) only: the Core reads and writes photos as raw JSON.

/// <summary>A profile photo: its type, id and optional dimensions, then every other member as its creator sent it.</summary>
/// <param name="ODataType">Optional on create (with or without '#', any case); always the canonical type in answers.</param>
/// <param name="Id">Optional on create (any .NET GUID format, not nil); lower-case D format in answers.</param>
/// <param name="Height">A JSON integer from 1 to 10,000, when sent.</param>
/// <param name="Width">A JSON integer from 1 to 10,000, when sent.</param>
public sealed record PhotoDocument(
    [property: JsonPropertyName("@odata.type")] string? ODataType,
    [property: JsonPropertyName("id")] Guid? Id,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("width")] int? Width)
{
    /// <summary>Any other members, kept and returned unchanged in value.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Members { get; init; }
}

/// <summary>A page of a user's photos, ordered by id, at most 100.</summary>
/// <param name="Value">The photos.</param>
/// <param name="NextLink">The next page's absolute URL, present only when more remain.</param>
public sealed record PhotoPageDocument(
    [property: JsonPropertyName("value")] IReadOnlyList<PhotoDocument> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
