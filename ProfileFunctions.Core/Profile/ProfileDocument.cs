using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProfileFunctions.Core.Profile;

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
