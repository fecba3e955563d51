using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>
/// What every stored resource has, as the contract's tables lay it out. Each entity type maps itself to and from a
/// <see cref="TableEntity"/> by name rather than through the SDK's reflection binder, which compiles expression trees
/// on first use: about 50 ms of a cold start and a few MB of memory, for six properties.
/// </summary>
internal abstract class ResourceEntity
{
    public const string IdProperty = "Id";
    public const string BodyProperty = "Body";
    public const string CreatedByProperty = "CreatedBy";
    public const string CreatedDateTimeProperty = "CreatedDateTime";
    public const string LastModifiedDateTimeProperty = "LastModifiedDateTime";

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

    /// <summary>UTC; stored as an Edm.DateTime by every write, the create included.</summary>
    public DateTimeOffset LastModifiedDateTime { get; set; }

    /// <summary>The row's ETag in header form: read from storage, or given by the insert that stored it.</summary>
    public string? ETag { get; set; }

    public TableEntity ToTableEntity()
    {
        var row = new TableEntity(PartitionKey, RowKey)
        {
            [IdProperty] = Id,
            [BodyProperty] = Body,
            [CreatedByProperty] = CreatedBy,
            [CreatedDateTimeProperty] = CreatedDateTime,
            [LastModifiedDateTimeProperty] = LastModifiedDateTime,
        };
        AddOwnProperties(row);
        return row;
    }

    /// <summary>Adds what only this kind of resource stores.</summary>
    protected virtual void AddOwnProperties(TableEntity row)
    {
    }

    /// <summary>Reads the properties every resource has; the entity type reads its own.</summary>
    protected static TEntity ReadCommon<TEntity>(TEntity entity, TableEntity row)
        where TEntity : ResourceEntity
    {
        entity.PartitionKey = row.PartitionKey;
        entity.RowKey = row.RowKey;
        entity.Id = row.GetString(IdProperty);
        entity.Body = row.GetBinary(BodyProperty);
        entity.CreatedBy = row.GetString(CreatedByProperty);
        entity.CreatedDateTime = row.GetDateTimeOffset(CreatedDateTimeProperty) ?? default;
        entity.LastModifiedDateTime = row.GetDateTimeOffset(LastModifiedDateTimeProperty) ?? default;
        entity.ETag = row.ETag.ToString("H");
        return entity;
    }
}
