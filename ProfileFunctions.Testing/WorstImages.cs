using System.Buffers.Binary;
using System.IO.Compression;

namespace ProfileFunctions.Testing;

/// <summary>
/// The images within the contract's limits that cost a decoder the most memory, written by hand (Skia encodes neither
/// progressive nor CMYK JPEG, nor interlaced or 16-bit PNG): what the decode budget is measured against.
/// </summary>
public static class WorstImages
{
    /// <summary>
    /// A progressive CMYK JPEG of <paramref name="width"/> × <paramref name="height"/> (ITU T.81, SOF2): a progressive
    /// decoder keeps every coefficient of the whole image until the last scan, 4 components × 64 × 2 bytes per 8 × 8
    /// block (200 MB at 10,000 × 2,500), whatever it does with rows. One interleaved DC scan (differences of 0 and ±1,
    /// about 2 bits a block: some 400 KB at that size), then one AC scan per component that is all end-of-band runs.
    /// </summary>
    public static byte[] ProgressiveCmykJpeg(int width = 10_000, int height = 2_500)
    {
        using var file = new MemoryStream();
        Marker(file, 0xD8);

        // Adobe APP14 with transform 0: the four components are CMYK as they are (no YCCK).
        Segment(file, 0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 0]);
        byte[] quantisation = new byte[65];
        Array.Fill(quantisation, (byte)1, 1, 64);
        Segment(file, 0xDB, quantisation);

        var frame = new List<byte> { 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 4 };
        for (byte component = 1; component <= 4; component++)
        {
            frame.AddRange([component, 0x11, 0]);
        }

        Segment(file, 0xC2, [.. frame]);

        // DC table 0: difference category 0 is "0", category 1 is "10". AC table 0 (class 1): the fifteen end-of-band run
        // symbols 0x00, 0x10, ... 0xE0, four bits each (0000 to 1110).
        Segment(file, 0xC4, [0x00, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01]);
        Segment(file, 0xC4, [0x10, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. Enumerable.Range(0, 15).Select(run => (byte)(run << 4))]);

        int blocksAcross = (width + 7) / 8;
        int blocksDown = (height + 7) / 8;
        long blocks = (long)blocksAcross * blocksDown;

        Segment(file, 0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 0, 0x00]);
        var bits = new EntropyWriter(file);
        for (long block = 0; block < blocks * 4; block++)
        {
            // Every other block steps the DC up or down by one, so that the data is not all zeros.
            switch (block % 4)
            {
                case 1:
                    bits.Write(0b10, 2);
                    bits.Write(1, 1);
                    break;
                case 3:
                    bits.Write(0b10, 2);
                    bits.Write(0, 1);
                    break;
                default:
                    bits.Write(0, 1);
                    break;
            }
        }

        bits.Flush();
        for (byte component = 1; component <= 4; component++)
        {
            Segment(file, 0xDA, [1, component, 0x00, 1, 63, 0x00]);
            bits = new EntropyWriter(file);
            for (long left = blocks; left > 0;)
            {
                // EOBn: a run of 2^n to 2^(n+1) - 1 blocks, n extra bits; at most 32,767 blocks a symbol.
                int run = (int)Math.Min(left, 32_767);
                int n = 31 - int.LeadingZeroCount(run);
                bits.Write(n, 4);
                bits.Write(run - (1 << n), n);
                left -= run;
            }

            bits.Flush();
        }

        Marker(file, 0xD9);
        return file.ToArray();
    }

    /// <summary>
    /// An Adam7-interlaced PNG of 16-bit RGBA, <paramref name="width"/> × <paramref name="height"/>: a decoder has to
    /// hold the whole image in the file's own format (8 bytes a pixel: 200 MB at 5,000 × 5,000) before any row is final.
    /// A flat colour, so that it compresses to a few hundred KB.
    /// </summary>
    public static byte[] Interlaced16BitPng(int width = 5_000, int height = 5_000)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 16; // bit depth
        header[9] = 6; // RGBA
        header[12] = 1; // Adam7
        Chunk(file, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Each pass is a small image of its own: its rows, each after a filter byte (0: none).
            (int X, int Y, int DX, int DY)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
            foreach (var (x, y, dx, dy) in passes)
            {
                int across = (width - x + dx - 1) / dx;
                int down = (height - y + dy - 1) / dy;
                if (across <= 0 || down <= 0)
                {
                    continue;
                }

                byte[] row = new byte[1 + (across * 8)];
                for (int i = 1; i < row.Length; i += 8)
                {
                    row[i] = 0x80; // red's high byte: a mid-red, fully transparent
                }

                for (int line = 0; line < down; line++)
                {
                    zlib.Write(row);
                }
            }
        }

        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Marker(Stream file, byte marker) => file.Write([0xFF, marker]);

    private static void Segment(Stream file, byte marker, byte[] payload)
    {
        Marker(file, marker);
        file.Write([(byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        file.Write(payload);
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        file.Write(number);
    }

    // PNG's CRC (ISO 3309), bit by bit: the images are made once per run.
    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in bytes)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Huffman-coded bits, most significant first, with a 0x00 stuffed after every 0xFF byte (T.81 F.1.2.3).</summary>
    private sealed class EntropyWriter(Stream file)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (int bit = length - 1; bit >= 0; bit--)
            {
                _buffer = (_buffer << 1) | ((value >> bit) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        /// <summary>Pads the last byte with 1 bits, as the standard asks.</summary>
        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            file.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                file.WriteByte(0);
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
