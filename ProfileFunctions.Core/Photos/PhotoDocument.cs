using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProfileFunctions.Core.Photos;

// A photo's shapes, for endpoint metadata (the OpenAPI document) only: the Core reads and writes photos as raw JSON.

/// <summary>A profile photo: its type, id and optional dimensions, then every other member as its creator sent it.</summary>
/// <param name="ODataType">Optional on create (with or without '#', any case); always the canonical type in answers.</param>
/// <param name="Id">Optional on create (any .NET GUID format, not nil); lower-case D format in answers.</param>
/// <param name="Height">A JSON integer from 1 to 10,000, when sent.</param>
/// <param name="Width">A JSON integer from 1 to 10,000, when sent.</param>
public sealed record PhotoDocument(
    [property: JsonPropertyName("@odata.type")] string? ODataType,
    [property: JsonPropertyName("id")] Guid? Id,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("width")] int? Width)
{
    /// <summary>Any other members, kept and returned unchanged in value.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Members { get; init; }
}

/// <summary>A page of a user's photos, ordered by id, at most 100.</summary>
/// <param name="Value">The photos.</param>
/// <param name="NextLink">The next page's absolute URL, present only when more remain.</param>
public sealed record PhotoPageDocument(
    [property: JsonPropertyName("value")] IReadOnlyList<PhotoDocument> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);
