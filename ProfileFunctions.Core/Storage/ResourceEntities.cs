using ProfileFunctions.Core.Resources;
using ProfileFunctions.Core.Validation;

namespace ProfileFunctions.Core.Storage;

/// <summary>Maps a validated request to the row it is stored as.</summary>
internal static class ResourceEntities
{
    public static ResourceEntity Create(
        ResourceDefinition resource,
        string userId,
        Guid id,
        ParsedResource parsed,
        string createdBy,
        DateTimeOffset createdDateTime)
    {
        ResourceEntity entity = resource.HasDimensions
            ? new PhotoEntity { Height = parsed.Height, Width = parsed.Width }
            : new ProfileEntity();
        entity.PartitionKey = userId;
        entity.RowKey = resource.RowKey(id);
        entity.Id = id.ToString("D");
        entity.Body = parsed.Body;
        entity.CreatedBy = createdBy;
        entity.CreatedDateTime = createdDateTime.ToUniversalTime();
        return entity;
    }
}
