using System.Buffers.Binary;
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
internal static class ImageFileStructure
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

    // ITU T.81 B.1.1: markers are 0xFF then a code; fill bytes 0xFF may come before a code; 0xFF 0x00 is a stuffed data
    // byte and RST0-7 stand alone inside entropy-coded data; every other marker but SOI and EOI has a 2-byte length.
    private static FileStructure Jpeg(ByteReader reader)
    {
        if (reader.Next() != 0xFF || reader.Next() != 0xD8)
        {
            return new FileStructure(false, 1, "it does not start with a JPEG SOI marker");
        }

        double sampledComponents = 0;
        bool progressive = false;
        Span<byte> segment = stackalloc byte[1024];
        int scans = 0;
        while (true)
        {
            if (!reader.SkipTo(0xFF))
            {
                return new FileStructure(false, 1);
            }

            int code;
            do
            {
                code = reader.Next();
            }
            while (code == 0xFF);

            switch (code)
            {
                case < 0:
                    return new FileStructure(false, 1);
                case 0xD9:
                    // libjpeg keeps every coefficient of the image when the file has several scans (T.81 G.1.2, annex K.8).
                    return new FileStructure(true, 1, HeldBytesPerPixel: progressive || scans > 1 ? 2 * sampledComponents : 0);
                case 0x00 or 0x01 or (>= 0xD0 and <= 0xD8):
                    continue;
                default:
                    int high = reader.Next();
                    int low = reader.Next();
                    if (low < 0)
                    {
                        return new FileStructure(false, 1);
                    }

                    int length = ((high << 8) | low) - 2;
                    scans += code == 0xDA ? 1 : 0;

                    // A frame header (SOF0-15 but DHT, JPG and DAC): its components and their sampling factors.
                    if (code is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC) && length is >= 6 and < 1024)
                    {
                        var frame = segment[..length];
                        if (!reader.Read(frame))
                        {
                            return new FileStructure(false, 1);
                        }

                        progressive = code is 0xC2 or 0xC6 or 0xCA or 0xCE;
                        sampledComponents = SampledComponents(frame);
                    }
                    else if (!reader.Skip(length))
                    {
                        return new FileStructure(false, 1);
                    }

                    break;
            }
        }
    }

    /// <summary>Samples per pixel over all components of a JPEG frame header: 1 a component at full resolution, less when subsampled.</summary>
    private static double SampledComponents(ReadOnlySpan<byte> frame)
    {
        int count = frame[5];
        if (frame.Length < 6 + (3 * count) || count == 0)
        {
            return 0;
        }

        int maxH = 1, maxV = 1;
        for (int i = 0; i < count; i++)
        {
            maxH = Math.Max(maxH, frame[6 + (3 * i) + 1] >> 4);
            maxV = Math.Max(maxV, frame[6 + (3 * i) + 1] & 0x0F);
        }

        double samples = 0;
        for (int i = 0; i < count; i++)
        {
            samples += (double)((frame[6 + (3 * i) + 1] >> 4) * (frame[6 + (3 * i) + 1] & 0x0F)) / (maxH * maxV);
        }

        return samples;
    }

    // PNG (W3C, 5.3): the signature, then chunks of length, type, data and CRC, up to IEND.
    private static FileStructure Png(ByteReader reader, int maxFrames)
    {
        if (!reader.Skip(8))
        {
            return new FileStructure(false, 1);
        }

        int frames = 0;
        double held = 0;
        Span<byte> header = stackalloc byte[8];
        Span<byte> imageHeader = stackalloc byte[13];
        while (true)
        {
            if (!reader.Read(header))
            {
                return new FileStructure(false, Math.Max(1, frames));
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (header[4..].SequenceEqual("IHDR"u8) && length == 13)
            {
                // An interlaced image is decoded whole into rows of the file's own format (11.2.2: bit depth × channels).
                if (!reader.Read(imageHeader) || !reader.Skip(4))
                {
                    return new FileStructure(false, 1);
                }

                int channels = imageHeader[9] switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
                held = imageHeader[12] == 1 ? imageHeader[8] * channels / 8.0 : 0;
                continue;
            }

            if (length > int.MaxValue)
            {
                return new FileStructure(false, Math.Max(1, frames), "a PNG chunk's length is over 2^31 - 1");
            }

            if (header[4..].SequenceEqual("IEND"u8))
            {
                return new FileStructure(reader.Skip(4L + length), Math.Max(1, frames), HeldBytesPerPixel: held);
            }

            // An APNG frame's control chunk: one per frame.
            if (header[4..].SequenceEqual("fcTL"u8) && ++frames > maxFrames)
            {
                return new FileStructure(false, frames);
            }

            if (!reader.Skip(length + 4L))
            {
                return new FileStructure(false, Math.Max(1, frames));
            }
        }
    }

    // GIF89a (w3.org/Graphics/GIF/spec-gif89a.txt): header, logical screen descriptor and its colour table, then blocks:
    // 0x21 extensions and 0x2C images (descriptor, colour table, LZW code size), each followed by data sub-blocks ending
    // in a zero-length one, up to the 0x3B trailer.
    private static FileStructure Gif(ByteReader reader, int maxFrames)
    {
        Span<byte> screen = stackalloc byte[13];
        if (!reader.Read(screen))
        {
            return new FileStructure(false, 1);
        }

        if (!reader.Skip(ColourTableBytes(screen[10])))
        {
            return new FileStructure(false, 1);
        }

        int frames = 0;
        Span<byte> descriptor = stackalloc byte[9];
        while (true)
        {
            switch (reader.Next())
            {
                case < 0:
                    return new FileStructure(false, Math.Max(1, frames));
                case 0x3B:
                    return new FileStructure(true, Math.Max(1, frames));
                case 0x21:
                    if (reader.Next() < 0 || !SkipSubBlocks(reader))
                    {
                        return new FileStructure(false, Math.Max(1, frames));
                    }

                    break;
                case 0x2C:
                    if (++frames > maxFrames)
                    {
                        return new FileStructure(false, frames);
                    }

                    if (!reader.Read(descriptor) || !reader.Skip(ColourTableBytes(descriptor[8])) || reader.Next() < 0 || !SkipSubBlocks(reader))
                    {
                        return new FileStructure(false, frames);
                    }

                    break;
                case var other:
                    return new FileStructure(false, Math.Max(1, frames), $"a GIF block starts with 0x{other:X2}, which is no block");
            }
        }
    }

    private static int ColourTableBytes(byte packed) => (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);

    private static bool SkipSubBlocks(ByteReader reader)
    {
        while (true)
        {
            int size = reader.Next();
            if (size <= 0)
            {
                return size == 0;
            }

            if (!reader.Skip(size))
            {
                return false;
            }
        }
    }

    // WebP (RFC 9649): "RIFF", the size of what follows, "WEBP", then chunks (FourCC, size, data padded to even); an
    // animation has one ANMF chunk per frame.
    private static FileStructure Webp(ByteReader reader, int maxFrames)
    {
        Span<byte> header = stackalloc byte[12];
        if (!reader.Read(header))
        {
            return new FileStructure(false, 1);
        }

        long left = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) - 4L;
        int frames = 0;
        Span<byte> chunk = stackalloc byte[8];
        while (left > 0)
        {
            if (left < 8 || !reader.Read(chunk))
            {
                return new FileStructure(false, Math.Max(1, frames));
            }

            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            long padded = size + (size & 1);
            if (chunk[..4].SequenceEqual("ANMF"u8) && ++frames > maxFrames)
            {
                return new FileStructure(false, frames);
            }

            // RIFF pads a chunk of odd size with one byte, counted in the sizes around it.
            if (!reader.Skip(padded))
            {
                return new FileStructure(false, Math.Max(1, frames));
            }

            left -= 8 + padded;
        }

        return new FileStructure(true, Math.Max(1, frames));
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
