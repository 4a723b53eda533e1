using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// Redraws one page of a stored PDF onto a Skia canvas, scaled into an area: its images where they were placed, then
/// its words at their baselines in DejaVu Sans, stretched to their original width. This is a re-rendering, not a byte
/// copy: vector drawings, original fonts and colours of images the reader cannot decode are lost; the original PDF is
/// delivered byte-exact in the bundle.
/// </summary>
internal static class PdfPageRedraw
{
    public static void Draw(SKCanvas canvas, Page page, SKRect area, PacketStyle style)
    {
        var box = page.CropBox.Bounds;
        if (box.Width <= 0 || box.Height <= 0)
        {
            box = page.MediaBox.Bounds;
        }

        var scale = (float)Math.Min(area.Width / box.Width, area.Height / box.Height);
        var left = area.Left + ((area.Width - ((float)box.Width * scale)) / 2);
        var frame = new SKRect(left, area.Top, left + ((float)box.Width * scale), area.Top + ((float)box.Height * scale));
        SKPoint Map(PdfPoint point) => new(
            frame.Left + ((float)(point.X - box.Left) * scale),
            frame.Top + ((float)(box.Top - point.Y) * scale));

        canvas.DrawRect(frame, style.Line);
        canvas.Save();
        canvas.ClipRect(frame);
        foreach (var image in page.GetImages())
        {
            DrawImage(canvas, image, Map, style);
        }

        DrawWords(canvas, page, Map, scale);
        canvas.Restore();
    }

    private static void DrawImage(SKCanvas canvas, IPdfImage image, Func<PdfPoint, SKPoint> map, PacketStyle style)
    {
        var a = map(image.BoundingBox.TopLeft);
        var b = map(image.BoundingBox.BottomRight);
        var dest = new SKRect(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.X, b.X), Math.Max(a.Y, b.Y));
        if (dest.Width < 0.5f || dest.Height < 0.5f)
        {
            return;
        }

        using var decoded = Decode(image);
        if (decoded is null)
        {
            canvas.DrawRect(dest, style.Line);
            return;
        }

        canvas.DrawImage(decoded, dest, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    /// <summary>PdfPig turns most images into PNG; JPEG (DCTDecode) data is passed as it is stored, which Skia decodes.</summary>
    private static SKImage? Decode(IPdfImage image)
    {
        if ((long)image.WidthInSamples * image.HeightInSamples > ImageContent.MaxPixels)
        {
            return null;
        }

        if (image.TryGetPng(out var png))
        {
            return SKImage.FromEncodedData(png);
        }

        using var raw = SKData.CreateCopy(image.RawMemory.Span);
        return SKImage.FromEncodedData(raw);
    }

    private static void DrawWords(SKCanvas canvas, Page page, Func<PdfPoint, SKPoint> map, float scale)
    {
        using var regular = PacketStyle.Font(PacketFonts.Regular, 10);
        using var bold = PacketStyle.Font(PacketFonts.Bold, 10);
        using var paint = new SKPaint { IsAntialias = true };
        foreach (var word in page.GetWords())
        {
            if (string.IsNullOrWhiteSpace(word.Text) || word.Letters.Count == 0)
            {
                continue;
            }

            var first = word.Letters[0];
            var last = word.Letters[^1];
            var size = (float)first.PointSize * scale;
            if (size < 0.5f)
            {
                continue;
            }

            var font = first.FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true ? bold : regular;
            font.Size = size;
            font.ScaleX = 1;
            var start = map(first.StartBaseLine);
            var end = map(last.EndBaseLine);
            var length = SKPoint.Distance(start, end);
            var natural = font.MeasureText(word.Text);
            if (length > 0 && natural > 0)
            {
                font.ScaleX = Math.Clamp(length / natural, 0.5f, 2f);
            }

            var (red, green, blue) = first.Color.ToRGBValues();
            paint.Color = new SKColor(ToByte(red), ToByte(green), ToByte(blue));

            // The baseline's direction carries any rotation of the original text.
            var degrees = MathF.Atan2(end.Y - start.Y, end.X - start.X) * 180 / MathF.PI;
            canvas.Save();
            canvas.RotateDegrees(Math.Abs(degrees) < 0.5f ? 0 : degrees, start.X, start.Y);
            canvas.DrawText(word.Text, start.X, start.Y, font, paint);
            canvas.Restore();
        }
    }

    private static byte ToByte(double component) => (byte)Math.Clamp(Math.Round(component * 255), 0, 255);
}
