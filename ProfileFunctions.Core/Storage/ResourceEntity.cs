using Azure;
using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>The properties both tables share.</summary>
internal abstract class ResourceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The resource's id, lower-case <c>D</c> format.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The client's other members as a UTF-8 JSON object. Binary, because a string property holds only about 32,000
    /// characters while a binary one holds the full 65,536 bytes a body may have.
    /// </summary>
    public byte[] Body { get; set; } = [];

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedDateTime { get; set; }
}

/// <summary>A row of the <c>Profiles</c> table: one per user.</summary>
internal sealed class ProfileEntity : ResourceEntity;

/// <summary>A row of the <c>ProfilePhotos</c> table: many per user, keyed by photo id.</summary>
internal sealed class PhotoEntity : ResourceEntity
{
    public int? Height { get; set; }

    public int? Width { get; set; }
}
