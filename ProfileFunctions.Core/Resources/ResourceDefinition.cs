using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Resources;

/// <summary>What differs between the two resources: their OData type, entity, row key and location.</summary>
internal abstract class ResourceDefinition
{
    public static readonly ResourceDefinition<ProfileEntity> Profile = new(
        "profile",
        "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile",
        isSingleton: true,
        _ => new ProfileEntity());

    public static readonly ResourceDefinition<PhotoEntity> Photo = new(
        "photo",
        "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto",
        isSingleton: false,
        parsed => new PhotoEntity { Height = parsed.Height, Width = parsed.Width });

    /// <summary>The row key of a user's one profile.</summary>
    public const string ProfileRowKey = ProfileEntity.RowKeyValue;

    private protected ResourceDefinition(string name, string odataType, bool isSingleton)
    {
        Name = name;
        ODataType = odataType;
        IsSingleton = isSingleton;
    }

    /// <summary>The resource's name in messages.</summary>
    public string Name { get; }

    /// <summary>The canonical <c>@odata.type</c>, as every response gives it.</summary>
    public string ODataType { get; }

    /// <summary>One per user (the profile), rather than many (photos).</summary>
    public bool IsSingleton { get; }

    /// <summary>Photos carry <c>height</c> and <c>width</c> as typed properties.</summary>
    public bool HasDimensions => !IsSingleton;

    /// <summary>Case-insensitive, with or without the leading <c>#</c>.</summary>
    public bool IsODataType(string value) =>
        (value.StartsWith('#') ? value.AsSpan(1) : value.AsSpan()).Equals(ODataType.AsSpan(1), StringComparison.OrdinalIgnoreCase);

    public string RowKey(Guid id) => IsSingleton ? ProfileRowKey : id.ToString("D");

    public string Location(string userId, Guid id) =>
        IsSingleton ? $"/user/{userId}/profile" : $"/user/{userId}/photos/{id:D}";

    public string Missing(string userId, string rowKey) =>
        IsSingleton
            ? $"User '{userId}' has no profile."
            : $"User '{userId}' has no photo with id '{rowKey}'.";

    public string AlreadyExists(string userId, Guid id) =>
        IsSingleton
            ? $"User '{userId}' already has a profile."
            : $"User '{userId}' already has a photo with id '{id:D}'.";
}

/// <summary>A resource and the one entity type (and so the one table) that stores it.</summary>
internal sealed class ResourceDefinition<TEntity> : ResourceDefinition
    where TEntity : ResourceEntity, IStoredEntity<TEntity>
{
    private readonly Func<ParsedResource, TEntity> _newEntity;

    public ResourceDefinition(string name, string odataType, bool isSingleton, Func<ParsedResource, TEntity> newEntity)
        : base(name, odataType, isSingleton)
    {
        _newEntity = newEntity;
    }

    /// <summary>An entity holding what only this resource types (a photo's dimensions); the rest is set by the caller.</summary>
    public TEntity NewEntity(ParsedResource parsed) => _newEntity(parsed);
}
