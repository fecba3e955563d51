using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using ProfileFunctions.Core.Telemetry;
using SkiaSharp;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Decides whether bytes are a whole image of the declared type, with SkiaSharp: the header first (format and size,
/// refused before any pixel is decoded), then every pixel, so that a truncated or corrupt file is refused too.
/// </summary>
/// <remarks>
/// Memory: every decode first takes the image's share of the process's <see cref="DecodeBudget"/>, whatever its path.
/// JPEG and PNG are decoded row by row where Skia can (into one pooled buffer of at most <see cref="RowBatchBytes"/>),
/// yet a progressive JPEG still holds every coefficient of the image inside libjpeg, and Skia decodes an interlaced PNG,
/// a GIF (Wuffs) or a WebP (libwebp) whole: so the budget counts the image's pixels, not the path's buffer.
/// </remarks>
internal sealed class ImageInspector(DecodeBudget budget)
{
    public const int MaxSide = 10_000;
    public const long MaxPixels = 25_000_000;

    /// <summary>The row buffer's size for scanline decoding: a few rows of the widest image allowed.</summary>
    public const int RowBatchBytes = 256 * 1024;

    /// <summary>
    /// The most frames an animation may have. Every frame is decoded (a frame cut short or corrupt refuses the file), and
    /// each costs a decode call of its own however small it is: a 100,000-frame GIF of 1 × 1 fits in 4 MiB, and would
    /// take minutes of CPU. A thousand is more than a profile picture's animation needs (40 seconds at 25 frames a second).
    /// </summary>
    public const int MaxFrames = 1_000;

    /// <summary>
    /// The most pixels decoding an animation may take, frames × width × height: four times the largest still image, so
    /// that an animation costs at most about four still images' CPU (Skia decodes each frame onto the whole canvas).
    /// </summary>
    public const long MaxDecodedPixels = 4 * MaxPixels;

    /// <summary>
    /// Inspects the image in <paramref name="content"/> (seekable; read from its current position, left open) against
    /// <paramref name="declaredContentType"/>, a bare media type such as <c>image/png</c>.
    /// </summary>
    public async Task<ImageInspection> InspectAsync(Stream content, string declaredContentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content must be seekable: Skia reads the header, then rewinds to decode.", nameof(content));
        }

        if (!PhotoContentTypes.TryGetFormat(declaredContentType, out var declared))
        {
            return ImageInspection.Refused($"Content type '{declaredContentType}' is not one a photo may have: use {string.Join(", ", PhotoContentTypes.All)}.");
        }

        long start = content.Position;

        // Skia would dispose a stream it wraps itself; this wrapper leaves the caller's stream open.
        using var skiaStream = new SKManagedStream(content, disposeManagedStream: false);
        using var codec = SKCodec.Create(skiaStream, out var created);
        if (codec is null)
        {
            return ImageInspection.Refused(created == SKCodecResult.IncompleteInput
                ? $"The content is cut short: its header ends before the image's size is known; send the whole {declaredContentType} file."
                : $"The content is not an image Skia recognises: send a {declaredContentType} file.");
        }

        string? actual = PhotoContentTypes.MediaTypeOf(codec.EncodedFormat);
        if (codec.EncodedFormat != declared)
        {
            return ImageInspection.Refused($"The content is {actual ?? $"a {codec.EncodedFormat} image"}, not {declaredContentType}: send it with its own content type, or send a {declaredContentType} file.");
        }

        int width = codec.Info.Width;
        int height = codec.Info.Height;
        if (width is < 1 or > MaxSide || height is < 1 or > MaxSide)
        {
            return ImageInspection.Refused($"The image is {width} × {height} pixels: each side must be 1 to {MaxSide:N0} pixels.");
        }

        if ((long)width * height > MaxPixels)
        {
            return ImageInspection.Refused($"The image is {width} × {height} = {(long)width * height:N0} pixels: at most {MaxPixels:N0} are allowed.");
        }

        // The file must reach the end its format defines, which no decoder checks; read between Skia's reads, from the
        // start, and put back where Skia left it.
        long resume = content.Position;
        content.Position = start;
        var structure = ImageFileStructure.Read(content, declared, MaxFrames);
        content.Position = resume;
        if (structure.Frames > MaxFrames)
        {
            return ImageInspection.Refused($"The animation has more than {MaxFrames:N0} frames: at most {MaxFrames:N0} are allowed.");
        }

        if (structure.Malformed is { } malformed)
        {
            return ImageInspection.Refused($"The image does not decode: {malformed}; the {declaredContentType} file is corrupt.");
        }

        if (!structure.Ended)
        {
            return ImageInspection.Refused($"The image is cut short: the file ends before its {EndOf(declared)}; send the whole {declaredContentType} file.");
        }

        int frames = Math.Max(structure.Frames, codec.FrameCount);
        if (frames > MaxFrames || frames * (long)width * height > MaxDecodedPixels)
        {
            return ImageInspection.Refused($"The animation's {frames:N0} frames of {width} × {height} pixels are {frames * (long)width * height:N0} pixels to decode: at most {MaxDecodedPixels:N0} are allowed.");
        }

        // A JPEG is decoded at 1/8 scale: libjpeg-turbo still reads and entropy-decodes every coefficient of every block,
        // so a file cut short or corrupt fails as it does at full size, but it computes one pixel per 8 × 8 block (the
        // DC term) instead of 64. Other formats have no scaled decode that reads all their data.
        var decoded = declared == SKEncodedImageFormat.Jpeg ? codec.GetScaledDimensions(1 / 8f) : codec.Info.Size;

        // Opaque sources stay opaque; anything else is premultiplied, which every codec can produce. No colour space:
        // no colour conversion is needed to know that the pixels decode.
        var target = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);

        // Only with the image's share of the budget: Skia allocates as it starts decoding (a progressive JPEG's
        // coefficients, for the whole image whatever the scale, in StartScanlineDecode).
        using var share = await budget.TakeBytesAsync(target.BytesSize64 + (structure.HeldBytesPerPixel * width * height), cancellationToken);
        if (share is null)
        {
            return ImageInspection.NoRoomToDecode();
        }

        long decodeStarted = Stopwatch.GetTimestamp();
        var outcome = codec.FrameCount > 1 ? DecodeFrames(codec, target) : codec.StartScanlineDecode(target) switch
        {
            SKCodecResult.Success => DecodeByRows(codec, target),
            SKCodecResult.Unimplemented => DecodeWhole(codec, target),
            var started => started,
        };
        ProfileTelemetry.RecordDecode(Stopwatch.GetElapsedTime(decodeStarted), actual!, outcome == SKCodecResult.Success ? null : outcome.ToString());

        return outcome == SKCodecResult.Success
            ? ImageInspection.Accepted(new InspectedImage(width, height, actual!))
            : ImageInspection.Refused(outcome == SKCodecResult.IncompleteInput
                ? $"The image is cut short: it ends before its last pixel; send the whole {declaredContentType} file."
                : $"The image does not decode ({outcome}): the {declaredContentType} file is corrupt.");
    }

    private static SKCodecResult DecodeByRows(SKCodec codec, SKImageInfo target)
    {
        int rowsPerBatch = Math.Max(1, RowBatchBytes / target.RowBytes);
        byte[] rows = ArrayPool<byte>.Shared.Rent(rowsPerBatch * target.RowBytes);
        try
        {
            var pinned = GCHandle.Alloc(rows, GCHandleType.Pinned);
            try
            {
                for (int done = 0; done < target.Height; done += rowsPerBatch)
                {
                    int wanted = Math.Min(rowsPerBatch, target.Height - done);

                    // Skia answers with fewer rows than asked when the data ends or is corrupt.
                    if (codec.GetScanlines(pinned.AddrOfPinnedObject(), wanted, target.RowBytes) != wanted)
                    {
                        return SKCodecResult.IncompleteInput;
                    }
                }

                return SKCodecResult.Success;
            }
            finally
            {
                pinned.Free();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
        }
    }

    private static string EndOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "end-of-image marker (EOI)",
        SKEncodedImageFormat.Png => "IEND chunk",
        SKEncodedImageFormat.Gif => "trailer",
        _ => "RIFF chunk's end",
    };

    /// <summary>Decodes every frame of an animation in turn, into one buffer of the canvas's size.</summary>
    private static SKCodecResult DecodeFrames(SKCodec codec, SKImageInfo target)
    {
        var frames = codec.FrameInfo;
        nint pixels = Marshal.AllocHGlobal((nint)target.BytesSize64);
        try
        {
            for (int frame = 0; frame < frames.Length; frame++)
            {
                // A frame drawn over an earlier one names it as its prior frame, so that Skia does not decode that one
                // again first; the buffer holds some earlier frame's pixels, which is all a check of the data needs.
                var result = codec.GetPixels(target, pixels, new SKCodecOptions(frame, frames[frame].RequiredFrame));
                if (result != SKCodecResult.Success)
                {
                    return result;
                }
            }

            return SKCodecResult.Success;
        }
        finally
        {
            Marshal.FreeHGlobal(pixels);
        }
    }

    private static SKCodecResult DecodeWhole(SKCodec codec, SKImageInfo target)
    {
        // Native memory, not a managed array: returned to the system the moment the decode ends, never left to a
        // large-object-heap collection.
        nint pixels = Marshal.AllocHGlobal((nint)target.BytesSize64);
        try
        {
            return codec.GetPixels(target, pixels);
        }
        finally
        {
            Marshal.FreeHGlobal(pixels);
        }
    }
}

/// <param name="Width">Pixels across, from the image's header.</param>
/// <param name="Height">Pixels down, from the image's header.</param>
/// <param name="ContentType">The media type of the format the bytes are in (equal to the declared one).</param>
internal sealed record InspectedImage(int Width, int Height, string ContentType);

/// <summary>
/// What <see cref="ImageInspector"/> found: an image, one sentence saying why the bytes are refused, or that the decode
/// budget had no room for the image in time (<see cref="Busy"/>: neither accepted nor refused, the caller answers 503).
/// </summary>
internal readonly record struct ImageInspection(InspectedImage? Image, string? Problem, bool Busy = false)
{
    public static ImageInspection Accepted(InspectedImage image) => new(image, null);

    public static ImageInspection Refused(string problem) => new(null, problem);

    public static ImageInspection NoRoomToDecode() => new(null, null, Busy: true);
}
