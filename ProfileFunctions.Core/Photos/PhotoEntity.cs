using Azure.Data.Tables;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Photos;

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
