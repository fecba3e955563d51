using Azure.Data.Tables;

namespace ProfileFunctions.Core.Storage;

/// <summary>A row of the <c>Profiles</c> table: one per user.</summary>
internal sealed class ProfileEntity : ResourceEntity, IStoredEntity<ProfileEntity>
{
    /// <summary>The row key of a user's one profile.</summary>
    public const string RowKeyValue = "profile";

    public static string TableName => "Profiles";

    public static ProfileEntity FromTableEntity(TableEntity row) => ReadCommon(new ProfileEntity(), row);
}
