using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>A row of the <c>ProfilePhotos</c> table: many per user, keyed by photo id.</summary>
internal sealed class PhotoEntity : ResourceEntity, IStoredEntity<PhotoEntity>
{
    public const string HeightProperty = "Height";
    public const string WidthProperty = "Width";

    public static string TableName => "ProfilePhotos";

    public int? Height { get; init; }

    public int? Width { get; init; }

    public static PhotoEntity FromTableEntity(TableEntity row) =>
        ReadCommon(new PhotoEntity { Height = row.GetInt32(HeightProperty), Width = row.GetInt32(WidthProperty) }, row);

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
    }
}
