using System.Globalization;
using System.Text;
using SkiaSharp;

namespace RecordsVault.Bench;

/// <summary>One record to upload for row 7.</summary>
internal sealed record BenchRecord(string FileName, string ContentType, string Title, string Kind, byte[] Content);

/// <summary>
/// The records of row 7's disclosure packet, generated in the bench with a fixed seed: mostly case notes of about five
/// packet pages each, a few scanned forms (JPEG) and screenshots (PNG), and a few multi-page PDFs, some with text and
/// some with one scanned image per page. The counts are chosen so that 200 records make about 1,000 packet pages.
/// </summary>
internal static class PacketRecords
{
    /// <summary>About five packet pages of 9 pt text after the record's header, without wrapping (lines under 90 characters).</summary>
    private const int NoteLines = 240;

    private static readonly string[] Words =
    [
        "sponsor", "home", "visit", "school", "enrollment", "medical", "appointment", "follow-up", "caseworker", "call",
        "translator", "court", "hearing", "attorney", "counseling", "session", "referral", "placement", "safety", "plan",
        "documents", "received", "reviewed", "signed", "guardian", "contact", "weekly", "report", "progress", "services",
        "transport", "clinic", "vaccination", "records", "education", "shelter", "release", "assessment", "needs", "update",
    ];

    private static readonly string[] Names = ["José Hernández", "María López", "Aarav Shah", "Zoë Müller", "Nguyễn Văn An", "Fatima Diallo"];

    public static IReadOnlyList<BenchRecord> Create(int total = 200)
    {
        var random = new Random(20261122);
        using var scan = Scan(random, 1275, 1650, 0);
        var scanJpeg = Encode(scan, SKEncodedImageFormat.Jpeg, 80);
        var records = new List<BenchRecord>(total);
        for (var i = 0; i < total; i++)
        {
            var n = i + 1;
            records.Add((i % 20) switch
            {
                // Per 20 records: 1 JPEG scan, 1 PNG (every other block) or JPEG, 1 PDF, 17 notes.
                3 => new BenchRecord($"scan-{n}.jpg", "image/jpeg", $"Scanned form {n}", "scan", ScanJpeg(random, n)),
                9 => n % 40 < 20
                    ? new BenchRecord($"screenshot-{n}.png", "image/png", $"Portal screenshot {n}", "screenshot", Screenshot(random, n))
                    : new BenchRecord($"photo-{n}.jpg", "image/jpeg", $"Photo of document {n}", "scan", ScanJpeg(random, n)),
                15 => n % 40 < 20
                    ? new BenchRecord($"report-{n}.pdf", "application/pdf", $"Home study report {n}", "report", MinimalPdf.Text(random, n, pages: 12))
                    : new BenchRecord($"scanned-{n}.pdf", "application/pdf", $"Scanned court order {n}", "court", MinimalPdf.Scanned(scanJpeg, 1275, 1650, pages: 6)),
                _ => new BenchRecord($"note-{n}.txt", "text/plain", $"Case notes {n}", "notes", Note(random, n)),
            });
        }

        return records;
    }

    private static byte[] Note(Random random, int n)
    {
        var text = new StringBuilder(NoteLines * 80);
        var day = new DateOnly(2025, 1, 2);
        for (var line = 0; line < NoteLines; line++)
        {
            if (line % 12 == 0)
            {
                day = day.AddDays(random.Next(1, 4));
                text.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}  Note {n}.{line / 12 + 1} by {Names[random.Next(Names.Length)]}\n");
                continue;
            }

            var words = new StringBuilder("  ");
            while (words.Length < 70)
            {
                words.Append(Words[random.Next(Words.Length)]).Append(' ');
            }

            text.Append(words.ToString().TrimEnd()).Append(".\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A letter page scanned at 200 dpi: off-white paper, lines of "text" as grey bars, a stamp and noise.</summary>
    private static byte[] ScanJpeg(Random random, int n)
    {
        using var bitmap = Scan(random, 1700, 2200, n);
        return Encode(bitmap, SKEncodedImageFormat.Jpeg, 82);
    }

    private static SKBitmap Scan(Random random, int width, int height, int n)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(246, 244, 236));
        using var ink = new SKPaint { Color = new SKColor(60, 60, 70), IsAntialias = true };
        var scale = width / 1700f;
        for (var y = 200 * scale; y < height - (200 * scale); y += 42 * scale)
        {
            var x = 160 * scale;
            while (x < width - (300 * scale))
            {
                var word = random.Next(30, 160) * scale;
                canvas.DrawRect(x, y, word, 18 * scale, ink);
                x += word + (22 * scale);
            }
        }

        using var stamp = new SKPaint { Color = new SKColor(180, 30, 40, 160), IsStroke = true, StrokeWidth = 8 * scale, IsAntialias = true };
        canvas.DrawCircle(width - (330 * scale), height - (380 * scale), (140 + (n % 30)) * scale, stamp);
        // Paper grain, so the JPEG is the size of a real scan rather than of a flat drawing.
        var pixels = bitmap.Bytes;
        var noise = new byte[pixels.Length / 4];
        random.NextBytes(noise);
        for (var i = 0; i < noise.Length; i++)
        {
            var d = (noise[i] % 17) - 8;
            for (var c = 0; c < 3; c++)
            {
                pixels[(i * 4) + c] = (byte)Math.Clamp(pixels[(i * 4) + c] + d, 0, 255);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }

    /// <summary>A 1440×900 screenshot of a web form: flat colours, so PNG compresses it well.</summary>
    private static byte[] Screenshot(Random random, int n)
    {
        using var bitmap = new SKBitmap(1440, 900, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var bar = new SKPaint { Color = new SKColor(30, 70, 140) };
        using var field = new SKPaint { Color = new SKColor(120, 120, 120), IsStroke = true, StrokeWidth = 2 };
        using var text = new SKPaint { Color = new SKColor(40, 40, 40) };
        canvas.DrawRect(0, 0, 1440, 80, bar);
        for (var row = 0; row < 14; row++)
        {
            var y = 120 + (row * 54);
            canvas.DrawRect(60, y + 10, random.Next(120, 260), 14, text);
            canvas.DrawRect(400, y, 900, 36, field);
            canvas.DrawRect(412, y + 11, random.Next(80, 600), 14, text);
        }

        canvas.DrawRect(60, 880 - (n % 40), 200, 12, bar);
        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"Skia could not encode a {format}.");
        return data.ToArray();
    }
}

/// <summary>Small, valid PDF 1.4 files written by hand: text in Helvetica (a standard font, not embedded), or one JPEG per page.</summary>
internal static class MinimalPdf
{
    public static byte[] Text(Random random, int n, int pages)
    {
        var words = new[] { "The", "sponsor", "home", "was", "visited", "and", "found", "suitable", "for", "the", "child", "placement", "review", "of", "records" };
        var contents = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var stream = new StringBuilder("BT /F1 16 Tf 72 730 Td ");
            stream.Append(CultureInfo.InvariantCulture, $"(Home study report {n}, page {page} of {pages}) Tj /F1 10 Tf 14 TL T* T*");
            for (var line = 0; line < 42; line++)
            {
                var text = new StringBuilder();
                while (text.Length < 80)
                {
                    text.Append(words[random.Next(words.Length)]).Append(' ');
                }

                stream.Append(CultureInfo.InvariantCulture, $" ({text.ToString().TrimEnd()}) Tj T*");
            }

            stream.Append(" ET");
            contents.Add(stream.ToString());
        }

        return Build(pages, page => (Encoding.ASCII.GetBytes(contents[page]), null));
    }

    /// <summary>Each page shows the same scanned JPEG, full page, as a scanner writes it.</summary>
    public static byte[] Scanned(byte[] jpeg, int width, int height, int pages) =>
        Build(pages, _ => (Encoding.ASCII.GetBytes("q 612 0 0 792 0 0 cm /Im1 Do Q"), (jpeg, width, height)));

    /// <summary>Objects: 1 catalog, 2 page tree, 3 font, then per page: page, contents, and an image if any.</summary>
    private static byte[] Build(int pages, Func<int, (byte[] Content, (byte[] Jpeg, int Width, int Height)? Image)> page)
    {
        using var output = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => output.Write(Encoding.ASCII.GetBytes(s));
        void BeginObject(int number)
        {
            while (offsets.Count < number)
            {
                offsets.Add(0);
            }

            offsets[number - 1] = output.Position;
            Write(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n"));
        }

        Write("%PDF-1.4\n%");
        output.Write([0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        const int perPage = 3;
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(p => string.Create(CultureInfo.InvariantCulture, $"{4 + (p * perPage)} 0 R")));
        BeginObject(1);
        Write("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        BeginObject(2);
        Write(string.Create(CultureInfo.InvariantCulture, $"<< /Type /Pages /Kids [{kids}] /Count {pages} >>\nendobj\n"));
        BeginObject(3);
        Write("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n");
        for (var p = 0; p < pages; p++)
        {
            var (content, image) = page(p);
            var number = 4 + (p * perPage);
            BeginObject(number);
            var xobject = image is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" /XObject << /Im1 {number + 2} 0 R >>");
            Write(string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>{xobject} >> /Contents {number + 1} 0 R >>\nendobj\n"));
            BeginObject(number + 1);
            Write(string.Create(CultureInfo.InvariantCulture, $"<< /Length {content.Length} >>\nstream\n"));
            output.Write(content);
            Write("\nendstream\nendobj\n");
            BeginObject(number + 2);
            if (image is { } i)
            {
                Write(string.Create(CultureInfo.InvariantCulture,
                    $"<< /Type /XObject /Subtype /Image /Width {i.Width} /Height {i.Height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {i.Jpeg.Length} >>\nstream\n"));
                output.Write(i.Jpeg);
                Write("\nendstream\nendobj\n");
            }
            else
            {
                Write("null\nendobj\n");
            }
        }

        var xref = output.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }
}
