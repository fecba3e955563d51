using Azure.Data.Tables;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Profile;

/// <summary>A row of the <c>Profiles</c> table: one per user.</summary>
internal sealed class ProfileEntity : ResourceEntity, IStoredEntity<ProfileEntity>
{
    /// <summary>The row key of a user's one profile.</summary>
    public const string RowKeyValue = "profile";

    public static string TableName => ProfileTables.Profiles;

    /// <summary>A new profile from a valid create body; the caller adds the record of the request.</summary>
    public static ProfileEntity Create(string userId, Guid id, ParsedResource parsed, string createdBy, DateTimeOffset now) =>
        Fill(new ProfileEntity(), userId, RowKeyValue, id, parsed.Body, createdBy, now);

    public static ProfileEntity FromTableEntity(TableEntity row) => ReadCommon(new ProfileEntity(), row);
}
