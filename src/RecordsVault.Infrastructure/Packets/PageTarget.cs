using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Where laid-out pages go: counted in the first pass, drawn into the PDF in the second.</summary>
internal abstract class PageTarget
{
    public const float Width = 612;
    public const float Height = 792;

    /// <summary>Pages begun so far; during a page, its 1-based number.</summary>
    public int Pages { get; private set; }

    /// <summary>False in the counting pass, where decoding images would be wasted work.</summary>
    public abstract bool Draws { get; }

    public SKCanvas BeginPage()
    {
        Pages++;
        return OnBeginPage();
    }

    public abstract void EndPage();

    protected abstract SKCanvas OnBeginPage();
}

/// <summary>The first pass: a canvas that draws nothing, so the layout code runs unchanged and only pages are counted.</summary>
internal sealed class CountingPageTarget : PageTarget, IDisposable
{
    private readonly SKNoDrawCanvas canvas = new((int)Width, (int)Height);

    public override bool Draws => false;

    public override void EndPage()
    {
    }

    public void Dispose() => canvas.Dispose();

    protected override SKCanvas OnBeginPage() => canvas;
}

/// <summary>The second pass: US Letter pages of the PDF, each stamped with the header and "Page n of N".</summary>
internal sealed class PdfPageTarget(SKDocument document, PacketStyle style, string header, int totalPages) : PageTarget
{
    private SKCanvas? canvas;

    public override bool Draws => true;

    public override void EndPage()
    {
        var page = canvas ?? throw new InvalidOperationException("No page is open.");
        page.DrawText(header, PageFlow.Margin, 40, style.Margin, style.Muted);
        page.DrawLine(PageFlow.Margin, 48, Width - PageFlow.Margin, 48, style.Line);
        page.DrawLine(PageFlow.Margin, Height - 48, Width - PageFlow.Margin, Height - 48, style.Line);
        page.DrawText($"Page {Pages} of {totalPages}", Width / 2, Height - 34, SKTextAlign.Center, style.Margin, style.Muted);
        document.EndPage();
        canvas = null;
    }

    protected override SKCanvas OnBeginPage() => canvas = document.BeginPage(Width, Height);
}
