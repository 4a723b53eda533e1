using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>US Letter pages of the PDF, each stamped with the header and "Page n" as it ends.</summary>
internal sealed class PdfPageTarget(SKDocument document, PacketStyle style, string header)
{
    public const float Width = 612;
    public const float Height = 792;

    private SKCanvas? canvas;

    /// <summary>Pages begun so far; during a page, its 1-based number.</summary>
    public int Pages { get; private set; }

    public SKCanvas BeginPage()
    {
        Pages++;
        return canvas = document.BeginPage(Width, Height);
    }

    public void EndPage()
    {
        var page = canvas ?? throw new InvalidOperationException("No page is open.");
        page.DrawText(header, PageFlow.Margin, 40, style.Margin, style.Muted);
        page.DrawLine(PageFlow.Margin, 48, Width - PageFlow.Margin, 48, style.Line);
        page.DrawLine(PageFlow.Margin, Height - 48, Width - PageFlow.Margin, Height - 48, style.Line);
        page.DrawText($"Page {Pages}", Width / 2, Height - 34, SKTextAlign.Center, style.Margin, style.Muted);
        document.EndPage();
        canvas = null;
    }
}
