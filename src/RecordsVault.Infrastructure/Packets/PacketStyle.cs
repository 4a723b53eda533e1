using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>The fonts and paints of one render; Skia objects are not shared across threads, so each render makes its own.</summary>
internal sealed class PacketStyle : IDisposable
{
    public SKFont Title { get; } = Font(PacketFonts.Bold, 18);

    public SKFont Heading { get; } = Font(PacketFonts.Bold, 13);

    public SKFont Strong { get; } = Font(PacketFonts.Bold, 10);

    public SKFont Body { get; } = Font(PacketFonts.Regular, 10);

    public SKFont Content { get; } = Font(PacketFonts.Regular, 9);

    /// <summary>Small enough that a full 64-character SHA-256 fits on one line of the index.</summary>
    public SKFont Digest { get; } = Font(PacketFonts.Regular, 7.5f);

    public SKFont Margin { get; } = Font(PacketFonts.Regular, 8);

    public SKPaint Ink { get; } = new() { Color = SKColors.Black, IsAntialias = true };

    public SKPaint Muted { get; } = new() { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };

    public SKPaint Line { get; } = new() { Color = new SKColor(0x99, 0x99, 0x99), StrokeWidth = 0.5f, IsStroke = true, IsAntialias = true };

    public void Dispose()
    {
        foreach (var font in new[] { Title, Heading, Strong, Body, Content, Digest, Margin })
        {
            font.Dispose();
        }

        Ink.Dispose();
        Muted.Dispose();
        Line.Dispose();
    }

    /// <summary>Unhinted, subpixel metrics: measurements do not depend on a device, so both passes lay out identically.</summary>
    public static SKFont Font(SKTypeface face, float size) =>
        new(face, size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };
}
