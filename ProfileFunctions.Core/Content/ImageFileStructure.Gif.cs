namespace ProfileFunctions.Core.Content;

// GIF: its blocks up to the trailer, counting images.
internal static partial class ImageFileStructure
{
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
}
