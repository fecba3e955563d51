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
        DateTimeOffset createdDateTime) =>
        resource.HasDimensions
            ? new PhotoEntity
            {
                PartitionKey = userId,
                RowKey = resource.RowKey(id),
                Id = id.ToString("D"),
                Body = parsed.Body,
                CreatedBy = createdBy,
                CreatedDateTime = createdDateTime.ToUniversalTime(),
                Height = parsed.Height,
                Width = parsed.Width,
            }
            : new ProfileEntity
            {
                PartitionKey = userId,
                RowKey = resource.RowKey(id),
                Id = id.ToString("D"),
                Body = parsed.Body,
                CreatedBy = createdBy,
                CreatedDateTime = createdDateTime.ToUniversalTime(),
            };
}
