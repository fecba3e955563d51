using Azure.Data.Tables;

namespace ProfileFunctions.Tests.Infrastructure;

/// <summary>Reads what the API wrote, straight from Azurite.</summary>
internal static class Stored
{
    public static async Task<TableEntity?> ProfileAsync(this ApiFixture api, string userId) =>
        await FindAsync(api, "Profiles", userId, "profile");

    public static async Task<TableEntity?> PhotoAsync(this ApiFixture api, string userId, string photoId) =>
        await FindAsync(api, "ProfilePhotos", userId, photoId);

    /// <summary>The user's photo rows: not the partition's photo counter, whose key sorts after every photo id.</summary>
    public static async Task<List<TableEntity>> PhotosAsync(this ApiFixture api, string userId)
    {
        var photos = new List<TableEntity>();
        await foreach (var photo in api.Azurite.Client.GetTableClient("ProfilePhotos").QueryAsync<TableEntity>(PhotosOf(userId)))
        {
            photos.Add(photo);
        }

        return photos;
    }

    /// <summary>A filter for the user's photo rows (ids are GUIDs; the counter's key is <c>~count</c>).</summary>
    public static string PhotosOf(string userId) => TableClient.CreateQueryFilter($"PartitionKey eq {userId} and RowKey lt {"~"}");

    private static async Task<TableEntity?> FindAsync(ApiFixture api, string table, string partitionKey, string rowKey)
    {
        var found = await api.Azurite.Client.GetTableClient(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return found.HasValue ? found.Value : null;
    }
}
