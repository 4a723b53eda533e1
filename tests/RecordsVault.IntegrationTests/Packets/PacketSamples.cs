using System.Security.Cryptography;
using System.Text;
using BitMiracle.LibTiff.Classic;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Records;
using SkiaSharp;

namespace RecordsVault.IntegrationTests.Packets;

/// <summary>Record files made the way a provider's tools would make them, with the metadata a packet lists.</summary>
public static class PacketSamples
{
    public const string SpanishNote = "Visita domiciliaria: el niño está bien; la señora Pérez, su tía, asistió. Educación: inscrito en la escuela.";
    public const string StoredPdfFirstPage = "STORED-PDF-FIRST-PAGE";
    public const string StoredPdfSecondPage = "STORED-PDF-SECOND-PAGE";

    public static readonly DateTimeOffset RequestedAt = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Png(int width = 240, int height = 120) => Picture(SKEncodedImageFormat.Png, width, height);

    public static byte[] Jpeg(int width = 240, int height = 120) => Picture(SKEncodedImageFormat.Jpeg, width, height);

    private static byte[] Picture(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A PDF with one line of known text per page, made with Skia as another system would make it.</summary>
    public static byte[] Pdf(params string[] pageTexts)
    {
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output))
        using (var font = new SKFont(SKTypeface.Default, 18))
        using (var paint = new SKPaint { Color = SKColors.Black })
        {
            foreach (var text in pageTexts)
            {
                var canvas = document.BeginPage(612, 792);
                canvas.DrawText(text, 72, 144, font, paint);
                canvas.DrawText("second line of the stored page", 72, 180, font, paint);
                document.EndPage();
            }

            document.Close();
        }

        return output.ToArray();
    }

    /// <summary>A multi-page RGB TIFF, one directory per page, as a scanner writes them.</summary>
    public static byte[] Tiff(int pages, int width = 160, int height = 120, Compression compression = Compression.LZW)
    {
        using var output = new MemoryStream();
        using (var tiff = BitMiracle.LibTiff.Classic.Tiff.ClientOpen("sample.tif", "w", output, new TiffStream()))
        {
            var row = new byte[width * 3];
            for (short page = 0; page < pages; page++)
            {
                tiff.SetField(TiffTag.IMAGEWIDTH, width);
                tiff.SetField(TiffTag.IMAGELENGTH, height);
                tiff.SetField(TiffTag.SAMPLESPERPIXEL, 3);
                tiff.SetField(TiffTag.BITSPERSAMPLE, 8);
                tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.RGB);
                tiff.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
                tiff.SetField(TiffTag.COMPRESSION, compression);
                tiff.SetField(TiffTag.ROWSPERSTRIP, height);
                tiff.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
                tiff.SetField(TiffTag.PAGENUMBER, page, (short)pages);
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        row[x * 3] = (byte)(x * 255 / width);
                        row[(x * 3) + 1] = (byte)(y * 255 / height);
                        row[(x * 3) + 2] = (byte)(page * 80);
                    }

                    tiff.WriteScanline(row, y);
                }

                tiff.WriteDirectory();
            }
        }

        return output.ToArray();
    }

    /// <summary>Starts like a DOCX (a ZIP archive); the renderer must not try to draw it.</summary>
    public static byte[] Docx() => [.. "PK\u0003\u0004"u8, .. RandomNumberGenerator.GetBytes(200)];

    public static PacketRecord Record(string id, string title, string contentType, byte[] content, Ownership ownership = Ownership.Grantee) =>
        new(id, "TX-2025-0042", title, "home-visit-note", ownership, new DateOnly(2025, 2, 1), content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content)), contentType);

    public static PacketDocument Packet(IReadOnlyList<PacketRecord> records, IReadOnlyList<string>? custody = null) => new()
    {
        PacketId = "DP-2025-0007",
        Title = "Disclosure packet DP-2025-0007",
        Author = "Provider A",
        Requester = "ORR Office of the Director",
        Designee = "Child Advocate Services",
        Purpose = "Review of post-release services for the listed case.",
        RequestedAt = RequestedAt,
        CaseNumbers = ["TX-2025-0042"],
        Records = records,
        CustodyLines = custody ?? [],
    };
}
