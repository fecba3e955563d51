using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using ProfileFunctions.Core.Documents;
using ProfileFunctions.Core.Http;
using ProfileFunctions.Core.Storage;

namespace ProfileFunctions.Core.Profile;

// A profile, whole: what its handlers say of it (ProfileResource), its table row (ProfileEntity), and its shape in the
// OpenAPI document (ProfileDocument).

/// <summary>What a profile is to its handlers: its OData type, where it lives, its JSON, and what its answers say.</summary>
internal static class ProfileResource
{
    public static readonly ResourceKind Kind = new("profile", "#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile", hasDimensions: false);

    public static string Location(string userId) => $"/user/{userId}/profile";

    /// <summary>The profile as every answer gives it: what its create returned, changed only by later writes.</summary>
    public static byte[] Json(ProfileEntity profile) =>
        ResourceJson.Compose(Kind, Guid.Parse(profile.Id), height: null, width: null, profile.Body);

    public static ApiError NotFound(string userId) => ApiError.NotFound($"User '{userId}' has no profile.");

    public static ApiError AlreadyExists(string userId) => ApiError.Conflict($"User '{userId}' already has a profile.");

    public static ApiError PreconditionFailed() => ApiError.PreconditionFailed(
        "The profile has changed since the version named in If-Match: read it again for its current ETag, and retry with that.");
}

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

// The profile's shape, for endpoint metadata (the OpenAPI document) only: the Core reads and writes it as raw JSON.

/// <summary>A user's profile: its type and id, then every other member as its creator sent it.</summary>
/// <param name="ODataType">Optional on create (with or without '#', any case); always the canonical type in answers.</param>
/// <param name="Id">Optional on create (any .NET GUID format, not nil); lower-case D format in answers.</param>
public sealed record ProfileDocument(
    [property: JsonPropertyName("@odata.type")] string? ODataType,
    [property: JsonPropertyName("id")] Guid? Id)
{
    /// <summary>Any other members, kept and returned unchanged in value.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Members { get; init; }
}
