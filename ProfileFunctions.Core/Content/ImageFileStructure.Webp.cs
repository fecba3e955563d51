using System.Buffers.Binary;

namespace ProfileFunctions.Core.Content;

// WebP: its RIFF chunks to the declared end, counting animation frames.
internal static partial class ImageFileStructure
{
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
}
