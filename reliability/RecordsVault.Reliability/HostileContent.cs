using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RecordsVault.Reliability;

/// <summary>Files built to hurt a renderer: decompression bombs, lies about size, truncations, cycles.</summary>
internal static class HostileContent
{
    /// <summary>A PNG whose header claims 100 000 × 100 000 pixels (30 GB decoded), with a small zlib bomb for data.</summary>
    public static byte[] GigapixelPng()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 100_000);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", Zlib(64 * 1024 * 1024));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A little-endian TIFF whose one strip claims 100 000 × 100 000 grey pixels, with 8 bytes of data.</summary>
    public static byte[] GigapixelTiff()
    {
        var tiff = new byte[8 + 2 + (9 * 12) + 4 + 8];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 9);
        var data = 8 + 2 + (9 * 12) + 4;
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 4, 100_000), // width
            (257, 4, 100_000), // height
            (258, 3, 8), // bits per sample
            (259, 3, 1), // no compression
            (262, 3, 1), // black is zero
            (273, 4, (uint)data), // strip offset
            (277, 3, 1), // samples per pixel
            (278, 4, 100_000), // rows per strip
            (279, 4, 4_000_000_000), // strip byte count: a lie
        ];
        for (var i = 0; i < entries.Length; i++)
        {
            var at = tiff.AsSpan(10 + (i * 12));
            BinaryPrimitives.WriteUInt16LittleEndian(at, entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(at[4..], 1);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], entries[i].Value);
        }

        return tiff;
    }

    /// <summary>A JPEG cut off in its frame header, claiming 4000 × 4000 pixels.</summary>
    public static byte[] TruncatedJpeg() =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)1, 64),
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0x0F, 0xA0, 0x0F, 0xA0, 0x03, 0x01, 0x22,
    ];

    /// <summary>A PDF whose page tree points back at itself.</summary>
    public static byte[] CyclicPdf() => Pdf(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>");

    /// <summary>A PDF that claims a billion pages and has one.</summary>
    public static byte[] HugePageCountPdf() => Pdf(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R 3 0 R] /Count 1000000000 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");

    /// <summary>A DOCX whose document part inflates to this many zero bytes.</summary>
    public static byte[] ZipBombDocx(long inflated)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = zip.CreateEntry("[Content_Types].xml").Open())
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8);
            }

            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < inflated; written += zeros.Length)
            {
                document.Write(zeros);
            }
        }

        return file.ToArray();
    }

    private static byte[] Pdf(params string[] objects)
    {
        var text = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(text.ToString()));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(text.ToString());
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] Zlib(int zeros)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            for (var i = 0; i < zeros; i += block.Length)
            {
                zlib.Write(block);
            }
        }

        return output.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
