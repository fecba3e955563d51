using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Resources;

/// <summary>Maps a validated request to the row it is stored as.</summary>
internal static class ResourceEntities
{
    public static TEntity Create<TEntity>(
        ResourceDefinition<TEntity> resource,
        string userId,
        Guid id,
        ParsedResource parsed,
        string createdBy,
        DateTimeOffset createdDateTime)
        where TEntity : ResourceEntity, IStoredEntity<TEntity>
    {
        var entity = resource.NewEntity(parsed);
        entity.PartitionKey = userId;
        entity.RowKey = resource.RowKey(id);
        entity.Id = id.ToString("D");
        entity.Body = parsed.Body;
        entity.CreatedBy = createdBy;
        entity.CreatedDateTime = createdDateTime.ToUniversalTime();
        entity.LastModifiedDateTime = entity.CreatedDateTime;
        return entity;
    }
}
