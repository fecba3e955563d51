namespace ProfileFunctions.Core.Resources;

/// <summary>What differs between the two resources: their OData type, table, row key and location.</summary>
internal sealed class ResourceDefinition
{
    public static readonly ResourceDefinition Profile = new(
        "profile",
        "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile",
        tableName: "Profiles",
        isSingleton: true);

    public static readonly ResourceDefinition Photo = new(
        "photo",
        "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profilePhoto",
        tableName: "ProfilePhotos",
        isSingleton: false);

    /// <summary>The row key of a user's one profile.</summary>
    public const string ProfileRowKey = "profile";

    private ResourceDefinition(string name, string odataType, string tableName, bool isSingleton)
    {
        Name = name;
        ODataType = odataType;
        TableName = tableName;
        IsSingleton = isSingleton;
    }

    /// <summary>The resource's name in messages.</summary>
    public string Name { get; }

    /// <summary>The canonical <c>@odata.type</c>, as every response gives it.</summary>
    public string ODataType { get; }

    public string TableName { get; }

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
