using SkiaSharp;

namespace ProfileFunctions.Core.Content;

/// <summary>The media types a photo's content may have, and the encoded format each one names.</summary>
internal static class PhotoContentTypes
{
    // The one table of types, in the order the contract lists them.
    private static readonly (string MediaType, SKEncodedImageFormat Format)[] Types =
    [
        ("image/jpeg", SKEncodedImageFormat.Jpeg),
        ("image/png", SKEncodedImageFormat.Png),
        ("image/gif", SKEncodedImageFormat.Gif),
        ("image/webp", SKEncodedImageFormat.Webp),
    ];

    /// <summary>The four types in the order the contract lists them, for a 415's message.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Types.Select(type => type.MediaType)];

    /// <summary>Whether <paramref name="mediaType"/> (a bare media type, no parameters) is one a photo may hold.</summary>
    public static bool IsSupported(string? mediaType) => mediaType is not null && TryGetFormat(mediaType, out _);

    public static bool TryGetFormat(string mediaType, out SKEncodedImageFormat format)
    {
        foreach (var type in Types)
        {
            if (type.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            {
                format = type.Format;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>The media type of a format Skia recognised, or null for a format a photo may not hold.</summary>
    public static string? MediaTypeOf(SKEncodedImageFormat format) =>
        Types.FirstOrDefault(type => type.Format == format).MediaType;
}
