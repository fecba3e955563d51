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

    /// <summary>
    /// A GIF89a animation of <paramref name="frames"/> frames of 1 × 1: the 1 × 1 GIF's header and colour table, its
    /// frame (graphic control extension, image descriptor, LZW data: 23 bytes) that many times, and the trailer.
    /// </summary>
    public static byte[] AnimatedGif(int frames)
    {
        byte[] gif = Gif();
        byte[] frame = gif[19..42];
        var animation = new byte[19 + (frames * frame.Length) + 1];
        gif.AsSpan(0, 19).CopyTo(animation);
        for (int i = 0; i < frames; i++)
        {
            frame.CopyTo(animation, 19 + (i * frame.Length));
        }

        animation[^1] = 0x3B;
        return animation;
    }

    /// <summary>
    /// A GIF89a animation of <paramref name="width"/> × <paramref name="height"/>, one frame a colour, each frame whole:
    /// a four-colour global table and LZW data that sends a clear code before every other pixel, so that the code size
    /// stays at its first, 3 bits (the table never grows past entry 6): simple, valid, and about 1.1 bytes a pixel.
    /// </summary>
    public static byte[] AnimatedGif(int width, int height, params SKColor[] frames)
    {
        var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write(BitConverter.GetBytes(checked((ushort)width)));
        gif.Write(BitConverter.GetBytes(checked((ushort)height)));
        gif.Write([0x81, 0x00, 0x00]);
        for (int i = 0; i < 4; i++)
        {
            var colour = i < frames.Length ? frames[i] : SKColors.Black;
            gif.Write([colour.Red, colour.Green, colour.Blue]);
        }

        gif.Write([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, 0x00, 0x00, 0x00]);
        for (int frame = 0; frame < frames.Length; frame++)
        {
            gif.Write([0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00]);
            gif.Write([0x2C, 0, 0, 0, 0]);
            gif.Write(BitConverter.GetBytes((ushort)width));
            gif.Write(BitConverter.GetBytes((ushort)height));
            gif.WriteByte(0x00);
            gif.WriteByte(0x02);
            var codes = new List<int>();
            for (int pixel = 0; pixel < width * height; pixel++)
            {
                if (pixel % 2 == 0)
                {
                    codes.Add(4);
                }

                codes.Add(frame);
            }

            codes.Add(5);
            var data = new List<byte>();
            int bits = 0, used = 0;
            foreach (int code in codes)
            {
                bits |= code << used;
                used += 3;
                while (used >= 8)
                {
                    data.Add((byte)bits);
                    bits >>= 8;
                    used -= 8;
                }
            }

            if (used > 0)
            {
                data.Add((byte)bits);
            }

            foreach (var block in data.Chunk(255))
            {
                gif.WriteByte((byte)block.Length);
                gif.Write(block);
            }

            gif.WriteByte(0x00);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>Where frame <paramref name="index"/> (from 0) of <see cref="AnimatedGif(int)"/> starts: its graphic control extension.</summary>
    public static int GifFrameOffset(int index) => 19 + (index * 23);

    /// <summary>
    /// An animated WebP (RFC 9649: VP8X with the animation flag, ANIM, one ANMF per frame) whose frames are the bitstream
    /// chunks of Skia-encoded still images of <paramref name="width"/> × <paramref name="height"/>.
    /// </summary>
    public static byte[] AnimatedWebp(int frames, int width = 40, int height = 30, Func<int, byte[], byte[]>? frameBitstream = null)
    {
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        RiffChunk(body, "VP8X", [0x02, 0, 0, 0, .. Int24(width - 1), .. Int24(height - 1)]);
        RiffChunk(body, "ANIM", [0, 0, 0, 0, 0, 0]);
        for (int i = 0; i < frames; i++)
        {
            byte[] still = Webp(width, height);

            // The still's chunks after "RIFF", size and "WEBP": its bitstream (VP8 or VP8L, perhaps with VP8X and ALPH).
            byte[] bitstream = StillBitstream(still);
            bitstream = frameBitstream?.Invoke(i, bitstream) ?? bitstream;
            RiffChunk(body, "ANMF", [.. Int24(0), .. Int24(0), .. Int24(width - 1), .. Int24(height - 1), .. Int24(100), 0, .. bitstream]);
        }

        byte[] riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BitConverter.TryWriteBytes(riff.AsSpan(4), (uint)body.Length);
        body.ToArray().CopyTo(riff, 8);
        return riff;
    }

    /// <summary>A still WebP's one image chunk ("VP8 " or "VP8L"), whole: four-character code, size and data.</summary>
    public static byte[] StillBitstream(byte[] webp)
    {
        for (int at = 12; at + 8 <= webp.Length;)
        {
            int size = BitConverter.ToInt32(webp, at + 4);
            string code = System.Text.Encoding.ASCII.GetString(webp, at, 4);
            if (code is "VP8 " or "VP8L")
            {
                return webp[at..(at + 8 + size + (size & 1))];
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidOperationException("Skia's WebP has no VP8 or VP8L chunk.");
    }

    /// <summary>A "VP8 " or "VP8L" chunk with its data cut to half, its size saying so: a frame whose pixels are not all there.</summary>
    public static byte[] HalfBitstream(byte[] chunk)
    {
        int half = (chunk.Length - 8) / 2 & ~1;
        byte[] cut = chunk[..(8 + half)];
        BitConverter.TryWriteBytes(cut.AsSpan(4), half);
        return cut;
    }

    /// <summary>The first <paramref name="fraction"/> of <paramref name="image"/>, as a cut-off upload leaves it.</summary>
    public static byte[] Truncated(byte[] image, double fraction = 0.5) => image[..(int)(image.Length * fraction)];

    private static byte[] Int24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static void RiffChunk(Stream riff, string code, byte[] data)
    {
        riff.Write(System.Text.Encoding.ASCII.GetBytes(code));
        riff.Write(BitConverter.GetBytes(data.Length));
        riff.Write(data);
        if (data.Length % 2 == 1)
        {
            riff.WriteByte(0);
        }
    }

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
