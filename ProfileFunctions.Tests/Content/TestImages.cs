using SkiaSharp;

namespace ProfileFunctions.Tests.Content;

/// <summary>Real image files for the content tests, made with SkiaSharp (GIF: from a byte literal, see <see cref="Gif"/>).</summary>
internal static class TestImages
{
    public static byte[] Png(int width = 40, int height = 30) => Encode(SKEncodedImageFormat.Png, width, height);

    public static byte[] Jpeg(int width = 40, int height = 30) => Encode(SKEncodedImageFormat.Jpeg, width, height);

    public static byte[] Webp(int width = 40, int height = 30) => Encode(SKEncodedImageFormat.Webp, width, height);

    /// <summary>
    /// A 1 × 1 GIF89a: Skia decodes GIF but cannot encode it. These are the 43 bytes of the well-known smallest
    /// transparent GIF (base64 <c>R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==</c>), laid out per the
    /// GIF89a specification (w3.org/Graphics/GIF/spec-gif89a.txt): header, logical screen descriptor with a two-colour
    /// global table, a graphic control extension making colour 0 transparent, an image descriptor, LZW data
    /// (minimum code size 2: clear, index 0, end) and the trailer.
    /// </summary>
    public static byte[] Gif() =>
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, // "GIF89a"
        0x01, 0x00, 0x01, 0x00, // logical screen 1 × 1 (little-endian)
        0x80, 0x00, 0x00, // global colour table of 2 entries; background 0; no aspect ratio
        0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, // white, black
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, // graphic control extension: colour 0 transparent
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // image descriptor at 0,0, 1 × 1
        0x02, 0x02, 0x44, 0x01, 0x00, // LZW minimum code size 2; one 2-byte sub-block; block terminator
        0x3B, // trailer
    ];

    /// <summary>
    /// The 1 × 1 GIF's bytes claiming another size in both its logical screen and its image descriptor: a hostile
    /// header whose pixels were never there, which must be refused before decoding.
    /// </summary>
    public static byte[] GifClaiming(int width, int height)
    {
        byte[] gif = Gif();
        foreach (int offset in new[] { 6, 32 })
        {
            BitConverter.TryWriteBytes(gif.AsSpan(offset, 2), checked((ushort)width));
            BitConverter.TryWriteBytes(gif.AsSpan(offset + 2, 2), checked((ushort)height));
        }

        return gif;
    }

    /// <summary>The first <paramref name="fraction"/> of <paramref name="image"/>, as a cut-off upload leaves it.</summary>
    public static byte[] Truncated(byte[] image, double fraction = 0.5) => image[..(int)(image.Length * fraction)];

    private static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));

        // A gradient with some noise: real entropy-coded data, so that truncating the file loses pixels, not padding.
        var random = new Random(width * 31 + height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)random.Next(256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90) ?? throw new InvalidOperationException($"Skia cannot encode {format} here.");
        return data.ToArray();
    }
}
