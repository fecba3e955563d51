using System.Buffers.Binary;

namespace ProfileFunctions.Core.Content;

// PNG: its chunks up to IEND, counting animation frames.
internal static partial class ImageFileStructure
{
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
}
