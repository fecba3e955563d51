using SkiaSharp;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Makes one of Graph's photo sizes from a photo's stored content, with SkiaSharp: decoded at the smallest scale the
/// decoder offers that is still at least the size (a JPEG's DCT scaling: 1/2, 1/4 or 1/8 of the work and memory), in
/// sRGB, its first frame for an animation; then oriented as its EXIF says and scaled to fit (mipmapped, so a large
/// reduction does not alias) in one draw; JPEG originals as JPEG (quality 85), the rest as PNG (transparency kept).
/// </summary>
internal sealed class PhotoSizeMaker(DecodeBudget budget)
{
    public const int JpegQuality = 85;

    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Makes <paramref name="size"/> from <paramref name="original"/> (a whole image that an upload checked).</summary>
    public async Task<MadeSize> MakeAsync(byte[] original, PhotoSize size, CancellationToken cancellationToken)
    {
        using var data = SKData.CreateCopy(original);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return MadeSize.Undecodable;
        }

        var origin = codec.EncodedOrigin;
        bool turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int width = codec.Info.Width;
        int height = codec.Info.Height;
        var (outWidth, outHeight) = turned ? size.ScaledFrom(height, width) : size.ScaledFrom(width, height);

        // Before orientation: what the decoded image must be at least, then the decoder's nearest scale at or above it.
        int drawWidth = turned ? outHeight : outWidth;
        int drawHeight = turned ? outWidth : outHeight;
        var scaled = SmallestScaleAtLeast(codec, drawWidth, drawHeight);

        bool jpeg = codec.EncodedFormat == SKEncodedImageFormat.Jpeg;
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque || jpeg ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var decodedInfo = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, alpha, SKColorSpace.CreateSrgb());
        var outInfo = decodedInfo.WithSize(outWidth, outHeight);

        // A progressive JPEG's decoder holds the whole image's coefficients whatever the scale.
        double held = ImageFileStructure.Read(new MemoryStream(original, writable: false), codec.EncodedFormat, maxFrames: 1).HeldBytesPerPixel * width * height;
        using var share = await budget.TakeBytesAsync(decodedInfo.BytesSize64 + (decodedInfo.BytesSize64 / 3) + outInfo.BytesSize64 + held, cancellationToken);
        if (share is null)
        {
            return MadeSize.NoRoom;
        }

        using var decoded = new SKBitmap(decodedInfo);
        var result = codec.GetPixels(decodedInfo, decoded.GetPixels(), new SKCodecOptions(0));
        if (result != SKCodecResult.Success)
        {
            return MadeSize.Undecodable;
        }

        using var image = SKImage.FromBitmap(decoded);
        using var surface = SKSurface.Create(outInfo);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(Orientation(origin, drawWidth, drawHeight));
        canvas.DrawImage(image, SKRect.Create(drawWidth, drawHeight), Sampling);
        canvas.Flush();

        using var made = surface.Snapshot();
        using var encoded = jpeg ? made.Encode(SKEncodedImageFormat.Jpeg, JpegQuality) : made.Encode(SKEncodedImageFormat.Png, 100);
        return encoded is null ? MadeSize.Undecodable : MadeSize.Made(encoded.ToArray(), jpeg ? "image/jpeg" : "image/png");
    }

    /// <summary>
    /// The smallest of the decoder's scales (k/8 for JPEG and WebP; the others only 1) that is at least <paramref name="width"/> ×
    /// <paramref name="height"/>: Skia rounds a requested scale to the nearest one it has, which may be smaller.
    /// </summary>
    private static SKSizeI SmallestScaleAtLeast(SKCodec codec, int width, int height)
    {
        // JPEG scales in its DCT and WebP in libwebp's rescaler; Skia would scale a GIF or PNG by dropping rows and
        // columns, which aliases: those decode whole and are scaled by the draw.
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
        {
            return codec.Info.Size;
        }

        for (int eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (scaled.Width >= width && scaled.Height >= height)
            {
                return scaled;
            }
        }

        return codec.Info.Size;
    }

    /// <summary>
    /// What draws an image of <paramref name="width"/> × <paramref name="height"/> stored with <paramref name="origin"/>
    /// upright (Skia's SkEncodedOriginToMatrix).
    /// </summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float width, float height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}

/// <summary>A made size, or why there is none.</summary>
/// <param name="Bytes">The encoded image.</param>
/// <param name="ContentType"><c>image/jpeg</c> or <c>image/png</c>.</param>
/// <param name="Busy">The decode budget had no room in time (503).</param>
internal sealed record MadeSize(byte[]? Bytes, string? ContentType, bool Busy = false)
{
    public static MadeSize NoRoom { get; } = new(null, null, Busy: true);

    /// <summary>The stored content does not decode: it was changed outside the API.</summary>
    public static MadeSize Undecodable { get; } = new(null, null);

    public static MadeSize Made(byte[] bytes, string contentType) => new(bytes, contentType);
}
