using Azure.Data.Tables;
using ProfileFunctions.Core.Resources;

namespace ProfileFunctions.Core.Storage;

/// <summary>
/// A stored resource, as the contract's table lays it out. It maps itself to a <see cref="TableEntity"/> by name
/// rather than through the SDK's reflection binder, which compiles expression trees on first use: about 50 ms of
/// a cold start and a few MB of memory, for six properties.
/// </summary>
internal abstract class ResourceEntity
{
    public const string IdProperty = "Id";
    public const string BodyProperty = "Body";
    public const string CreatedByProperty = "CreatedBy";
    public const string CreatedDateTimeProperty = "CreatedDateTime";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    /// <summary>The resource's id, lower-case <c>D</c> format.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The client's other members as a UTF-8 JSON object. Binary, because a string property holds only about 32,000
    /// characters while a binary one holds the full 65,536 bytes a body may have.
    /// </summary>
    public byte[] Body { get; set; } = [];

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>UTC; stored as an Edm.DateTime.</summary>
    public DateTimeOffset CreatedDateTime { get; set; }

    /// <summary>The row's ETag in header form, when read from storage.</summary>
    public string? ETag { get; set; }

    /// <summary>The resource a row of the given table holds.</summary>
    public static ResourceEntity FromTableEntity(ResourceDefinition resource, TableEntity row)
    {
        ResourceEntity entity = resource.HasDimensions
            ? new PhotoEntity { Height = row.GetInt32(PhotoEntity.HeightProperty), Width = row.GetInt32(PhotoEntity.WidthProperty) }
            : new ProfileEntity();
        entity.PartitionKey = row.PartitionKey;
        entity.RowKey = row.RowKey;
        entity.Id = row.GetString(IdProperty);
        entity.Body = row.GetBinary(BodyProperty);
        entity.CreatedBy = row.GetString(CreatedByProperty);
        entity.CreatedDateTime = row.GetDateTimeOffset(CreatedDateTimeProperty) ?? default;
        entity.ETag = row.ETag.ToString("H");
        return entity;
    }

    public TableEntity ToTableEntity()
    {
        var row = new TableEntity(PartitionKey, RowKey)
        {
            [IdProperty] = Id,
            [BodyProperty] = Body,
            [CreatedByProperty] = CreatedBy,
            [CreatedDateTimeProperty] = CreatedDateTime,
        };
        AddOwnProperties(row);
        return row;
    }

    /// <summary>Adds what only this kind of resource stores.</summary>
    protected virtual void AddOwnProperties(TableEntity row)
    {
    }
}

/// <summary>A row of the <c>Profiles</c> table: one per user.</summary>
internal sealed class ProfileEntity : ResourceEntity;

/// <summary>A row of the <c>ProfilePhotos</c> table: many per user, keyed by photo id.</summary>
internal sealed class PhotoEntity : ResourceEntity
{
    public const string HeightProperty = "Height";
    public const string WidthProperty = "Width";

    public int? Height { get; init; }

    public int? Width { get; init; }

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
