using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace ProfileFunctions.Core.Content;

/// <summary>
/// Decides whether bytes are a whole image of the declared type, with SkiaSharp: the header first (format and size,
/// refused before any pixel is decoded), then every pixel, so that a truncated or corrupt file is refused too.
/// </summary>
/// <remarks>
/// Memory: JPEG and PNG are decoded row by row through Skia's scanline decoder into one pooled buffer of a few rows
/// (at most <see cref="RowBatchBytes"/>, about 256 KB, instead of width × height × 4 bytes: 100 MB for
/// 10,000 × 2,500). Skia has no scanline decoder for GIF (Wuffs) or WebP (libwebp decodes lossless images whole
/// anyway), so those are decoded whole into native memory that is freed at once, and at most
/// <see cref="WholeDecodeSlots"/> such decodes run at a time in the process: the worst case is that many × 100 MB
/// however many uploads arrive together. Decoding is CPU-bound, so more slots than cores would gain nothing.
/// One instance per process (a singleton), so that the slots are the process's.
/// </remarks>
internal sealed class ImageInspector : IDisposable
{
    public const int MaxSide = 10_000;
    public const long MaxPixels = 25_000_000;

    /// <summary>The row buffer's size for scanline decoding: a few rows of the widest image allowed.</summary>
    public const int RowBatchBytes = 256 * 1024;

    private readonly SemaphoreSlim _wholeDecodes;

    public ImageInspector()
        : this(Environment.ProcessorCount)
    {
    }

    public ImageInspector(int wholeDecodeSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wholeDecodeSlots, 1);
        WholeDecodeSlots = wholeDecodeSlots;
        _wholeDecodes = new SemaphoreSlim(wholeDecodeSlots, wholeDecodeSlots);
    }

    public int WholeDecodeSlots { get; }

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

        // Opaque sources stay opaque; anything else is premultiplied, which every codec can produce. No colour space:
        // no colour conversion is needed to know that the pixels decode.
        var target = new SKImageInfo(width, height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);

        var decoded = codec.StartScanlineDecode(target) switch
        {
            SKCodecResult.Success => DecodeByRows(codec, target),
            SKCodecResult.Unimplemented => await DecodeWholeAsync(codec, target, cancellationToken),
            var result => result,
        };

        return decoded == SKCodecResult.Success
            ? ImageInspection.Accepted(new InspectedImage(width, height, actual!))
            : ImageInspection.Refused(decoded == SKCodecResult.IncompleteInput
                ? $"The image is cut short: it ends before its last pixel; send the whole {declaredContentType} file."
                : $"The image does not decode ({decoded}): the {declaredContentType} file is corrupt.");
    }

    public void Dispose() => _wholeDecodes.Dispose();

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

    private async Task<SKCodecResult> DecodeWholeAsync(SKCodec codec, SKImageInfo target, CancellationToken cancellationToken)
    {
        await _wholeDecodes.WaitAsync(cancellationToken);
        try
        {
            return DecodeWhole(codec, target);
        }
        finally
        {
            _wholeDecodes.Release();
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
