namespace ProfileFunctions.Core.Content;

// JPEG: where the file ends, and what the decoder holds besides the pixels.
internal static partial class ImageFileStructure
{
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
}
