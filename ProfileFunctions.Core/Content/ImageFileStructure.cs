using SkiaSharp;

namespace ProfileFunctions.Core.Content;

/// <summary>What a file's own structure says: whether it reaches the end its format defines, and how many frames it holds.</summary>
/// <param name="Ended">The format's end was found: JPEG's EOI, PNG's IEND, GIF's trailer, the end of WebP's RIFF chunk.</param>
/// <param name="Frames">Frames counted on the way (GIF image descriptors, WebP ANMF chunks, PNG fcTL chunks; at least 1), up to one over the bound.</param>
/// <param name="Malformed">Why the structure cannot be followed, when it cannot.</param>
/// <param name="HeldBytesPerPixel">
/// What the decoder holds for the whole image besides the decoded pixels, per pixel: a progressive (or multi-scan) JPEG's
/// DCT coefficients, 2 bytes a sample; an interlaced PNG's rows in the file's own format. 0 for the rest.
/// </param>
internal readonly record struct FileStructure(bool Ended, int Frames, string? Malformed = null, double HeldBytesPerPixel = 0);

/// <summary>
/// Follows an image file's structure to the end its format defines, without decoding a pixel. Decoders stop when they have
/// their last pixel and never look further: libjpeg does not need the EOI marker, libpng reads no chunk after the image
/// data, Wuffs decodes a GIF's frames without its trailer, and so a file cut short after its pixels would be accepted as
/// whole. What follows the end is allowed (and stored as sent), as every decoder ignores it.
/// </summary>
internal static partial class ImageFileStructure
{
    /// <summary>Reads <paramref name="file"/> from its current position, of the given format; stops counting frames past <paramref name="maxFrames"/>.</summary>
    public static FileStructure Read(Stream file, SKEncodedImageFormat format, int maxFrames)
    {
        var reader = new ByteReader(file);
        return format switch
        {
            SKEncodedImageFormat.Jpeg => Jpeg(reader),
            SKEncodedImageFormat.Png => Png(reader, maxFrames),
            SKEncodedImageFormat.Gif => Gif(reader, maxFrames),
            SKEncodedImageFormat.Webp => Webp(reader, maxFrames),
            _ => new FileStructure(Ended: true, Frames: 1),
        };
    }

    /// <summary>Reads forward through a seekable stream, in buffers: skipping is seeking, never reading what is skipped.</summary>
    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _position;
        private int _count;

        /// <summary>The next byte, or -1 at the end.</summary>
        public int Next() => _position < _count || Fill() ? _buffer[_position++] : -1;

        public bool Read(Span<byte> into)
        {
            for (int i = 0; i < into.Length; i++)
            {
                int value = Next();
                if (value < 0)
                {
                    return false;
                }

                into[i] = (byte)value;
            }

            return true;
        }

        /// <summary>Skips <paramref name="bytes"/>; false when the stream ends first.</summary>
        public bool Skip(long bytes)
        {
            if (bytes < 0)
            {
                return false;
            }

            long buffered = _count - _position;
            if (bytes <= buffered)
            {
                _position += (int)bytes;
                return true;
            }

            long target = stream.Position + (bytes - buffered);
            _position = _count = 0;
            if (target > stream.Length)
            {
                stream.Position = stream.Length;
                return false;
            }

            stream.Position = target;
            return true;
        }

        /// <summary>Moves to just after the next <paramref name="value"/>; false when the stream ends first.</summary>
        public bool SkipTo(byte value)
        {
            while (true)
            {
                int found = _buffer.AsSpan(_position, _count - _position).IndexOf(value);
                if (found >= 0)
                {
                    _position += found + 1;
                    return true;
                }

                _position = _count;
                if (!Fill())
                {
                    return false;
                }
            }
        }

        private bool Fill()
        {
            _count = stream.Read(_buffer);
            _position = 0;
            return _count > 0;
        }
    }
}
