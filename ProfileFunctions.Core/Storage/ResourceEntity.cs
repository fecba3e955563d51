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
    public const string RequestIdProperty = "RequestId";
    public const string RepeatabilityRequestIdProperty = "RepeatabilityRequestId";
    public const string RequestBodyHashProperty = "RequestBodyHash";

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
    /// <summary>The request-id of the request that made the row: its own retried insert finds it there.</summary>
    public string? RequestId { get; set; }

    /// <summary>The <c>Repeatability-Request-ID</c> the row was made with, when one was sent.</summary>
    public string? RepeatabilityRequestId { get; set; }

    /// <summary>SHA-256 of the exact body bytes of the request that made the row, when it sent a key.</summary>
    public byte[]? RequestBodyHash { get; set; }

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
        AddRequestRecord(row);
        AddOwnProperties(row);
        return row;
    }

    // The record of the request: what was sent, and nothing stored for what was not.
    private void AddRequestRecord(TableEntity row)
    {
        if (RequestId is not null)
        {
            row[RequestIdProperty] = RequestId;
        }

        if (RepeatabilityRequestId is not null)
        {
            row[RepeatabilityRequestIdProperty] = RepeatabilityRequestId;
        }

        if (RequestBodyHash is not null)
        {
            row[RequestBodyHashProperty] = RequestBodyHash;
        }
    }

    /// <summary>Adds what only this kind of resource stores.</summary>
    protected virtual void AddOwnProperties(TableEntity row)
    {
    }

    /// <summary>Sets what every new resource has: its keys, id, body, creator and times (UTC, the last change being the create).</summary>
    protected static TEntity Fill<TEntity>(TEntity entity, string userId, string rowKey, Guid id, byte[] body, string createdBy, DateTimeOffset now)
        where TEntity : ResourceEntity
    {
        entity.PartitionKey = userId;
        entity.RowKey = rowKey;
        entity.Id = id.ToString("D");
        entity.Body = body;
        entity.CreatedBy = createdBy;
        entity.CreatedDateTime = now.ToUniversalTime();
        entity.LastModifiedDateTime = entity.CreatedDateTime;
        return entity;
    }

    /// <summary>Reads the properties every resource has; the entity type reads its own.</summary>
    /// <summary>
    /// The row this entity was read from, with its ETag: a conditional update may start from it rather than read it again
    /// (<see cref="ConditionalUpdate"/>). Null on an entity made here.
    /// </summary>
    public TableEntity? Row { get; private set; }

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
        entity.RequestId = row.GetString(RequestIdProperty);
        entity.RepeatabilityRequestId = row.GetString(RepeatabilityRequestIdProperty);
        entity.RequestBodyHash = row.GetBinary(RequestBodyHashProperty);
        entity.ETag = row.ETag.ToString("H");
        entity.Row = row;
        return entity;
    }
}

/// <summary>An entity type with a table of its own: the store finds the table and the mapping from the type alone.</summary>
internal interface IStoredEntity<out TSelf>
{
    static abstract string TableName { get; }

    static abstract TSelf FromTableEntity(TableEntity row);
}
