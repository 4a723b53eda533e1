using RecordsVault.Core.Disclosures;
using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>PNG and JPEG records, decoded by Skia and scaled to fit the rest of the page (never enlarged).</summary>
internal static class ImageContent
{
    /// <summary>Decoded images above this many pixels are not drawn: they would take hundreds of megabytes.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Below this much room left on the page, a picture starts on a new page.</summary>
    public const float MinHeight = 300;

    public static async Task WriteAsync(PageFlow flow, PacketRecord record, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        var area = flow.TakeRest(MinHeight);

        using var encoded = await ReadEncodedAsync(open, record.Size, cancellationToken);
        using var image = SKImage.FromEncodedData(encoded);
        if (image is null || (long)image.Width * image.Height > MaxPixels)
        {
            flow.Note(area, "The image could not be drawn here; it is delivered byte-exact in the bundle.");
            return;
        }

        DrawFitted(flow.Canvas, image, area);
    }

    /// <summary>Draws an image into the top of an area, centered, as large as fits but no larger than 1 pixel per point.</summary>
    public static void DrawFitted(SKCanvas canvas, SKImage image, SKRect area)
    {
        var scale = Math.Min(1f, Math.Min(area.Width / image.Width, area.Height / image.Height));
        var width = image.Width * scale;
        var height = image.Height * scale;
        var left = area.Left + ((area.Width - width) / 2);
        canvas.DrawImage(image, new SKRect(left, area.Top, left + width, area.Top + height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    /// <summary>The encoded file, read asynchronously; a decoder needs all of it, and Skia embeds a JPEG as is.</summary>
    private static async Task<SKData> ReadEncodedAsync(Func<CancellationToken, Task<Stream>> open, long size, CancellationToken cancellationToken)
    {
        await using var stream = await open(cancellationToken);
        using var buffer = new MemoryStream(checked((int)Math.Min(size, int.MaxValue)));
        await stream.CopyToAsync(buffer, cancellationToken);
        return SKData.CreateCopy(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
