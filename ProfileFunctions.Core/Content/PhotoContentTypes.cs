using SkiaSharp;

namespace ProfileFunctions.Core.Content;

/// <summary>The media types a photo's content may have, and the encoded format each one names.</summary>
internal static class PhotoContentTypes
{
    private static readonly Dictionary<string, SKEncodedImageFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = SKEncodedImageFormat.Jpeg,
        ["image/png"] = SKEncodedImageFormat.Png,
        ["image/gif"] = SKEncodedImageFormat.Gif,
        ["image/webp"] = SKEncodedImageFormat.Webp,
    };

    /// <summary>The four types in the order the contract lists them, for a 415's message.</summary>
    public static IReadOnlyList<string> All { get; } = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>Whether <paramref name="mediaType"/> (a bare media type, no parameters) is one a photo may hold.</summary>
    public static bool IsSupported(string? mediaType) => mediaType is not null && Formats.ContainsKey(mediaType);

    public static bool TryGetFormat(string mediaType, out SKEncodedImageFormat format) => Formats.TryGetValue(mediaType, out format);

    /// <summary>The media type of a format Skia recognised, or null for a format a photo may not hold.</summary>
    public static string? MediaTypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Gif => "image/gif",
        SKEncodedImageFormat.Webp => "image/webp",
        _ => null,
    };
}
