using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>A top-to-bottom cursor over the pages of a target: wraps text, breaks pages, and hands out areas for images.</summary>
internal sealed class PageFlow(PdfPageTarget target, PacketStyle style)
{
    public const float Margin = 54;
    public const float Top = 68;
    public const float Bottom = PdfPageTarget.Height - 60;
    public const float Width = PdfPageTarget.Width - (2 * Margin);

    /// <summary>Room kept at the right of a title row for its page reference, so it never changes the wrapping.</summary>
    private const float RightColumn = 72;

    public const int MaxRecordPages = SkiaPacketRenderer.MaxRecordPages;

    private SKCanvas? canvas;
    private float y;
    private int? lastRecordPage;

    public PacketStyle Style => style;

    public int PageNumber => target.Pages;

    public SKCanvas Canvas => canvas ?? throw new InvalidOperationException("No page is open.");

    /// <summary>From now on, at most <see cref="MaxRecordPages"/> pages counting the current one; null lifts the limit.</summary>
    public void LimitRecordPages(bool on) => lastRecordPage = on ? target.Pages + MaxRecordPages - 1 : null;

    public void NewPage()
    {
        if (target.Pages >= lastRecordPage)
        {
            throw new RecordPageLimitException();
        }

        EndPage();
        canvas = target.BeginPage();
        y = Top;
    }

    public void EndPage()
    {
        if (canvas is not null)
        {
            target.EndPage();
            canvas = null;
        }
    }

    /// <summary>Wrapped text; continues on a new page when the current one is full.</summary>
    public void Text(string text, SKFont font, float indent = 0, SKPaint? paint = null)
    {
        foreach (var line in TextWrap.Lines(text, font, Width - indent))
        {
            var page = NextLine(font);
            page.DrawText(line, Margin + indent, Baseline(font), font, paint ?? style.Ink);
        }
    }

    /// <summary>
    /// Wrapped text with <paramref name="right"/> aligned to the margin on its first line, and that line a link to
    /// the named destination <paramref name="link"/> (see <see cref="Destination"/>), which may come later in the document.
    /// </summary>
    public void TitleRow(string text, string right, SKFont font, string link)
    {
        var first = true;
        foreach (var line in TextWrap.Lines(text, font, Width - RightColumn))
        {
            var page = NextLine(font);
            page.DrawText(line, Margin, Baseline(font), font, style.Ink);
            if (first)
            {
                page.DrawText(right, Margin + Width, Baseline(font), SKTextAlign.Right, style.Margin, style.Muted);
                using var _ = page.DrawLinkDestinationAnnotation(new SKRect(Margin, y - LineHeight(font), Margin + Width, y), link);
            }

            first = false;
        }
    }

    /// <summary>Names the current position, for links from anywhere in the document (a PDF named destination).</summary>
    public void Destination(string name)
    {
        using var _ = Canvas.DrawNamedDestinationAnnotation(new SKPoint(Margin, y), name);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void KeepTogether(float height)
    {
        if (canvas is null || y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Gap(float height) => y = Math.Min(y + height, Bottom);

    public void Rule()
    {
        Gap(4);
        Canvas.DrawLine(Margin, y, Margin + Width, y, style.Line);
        Gap(8);
    }

    /// <summary>The rest of the page for a picture, or a fresh page when less than <paramref name="minHeight"/> is left.</summary>
    public SKRect TakeRest(float minHeight)
    {
        KeepTogether(minHeight);
        var area = new SKRect(Margin, y, Margin + Width, Bottom);
        y = Bottom;
        return area;
    }

    /// <summary>A message inside an area already taken, for content that failed to draw; it never moves the cursor.</summary>
    public void Note(SKRect area, string message)
    {
        var baseline = area.Top + style.Body.Size;
        foreach (var line in TextWrap.Lines(message, style.Body, area.Width))
        {
            Canvas.DrawText(line, area.Left, baseline, style.Body, style.Muted);
            baseline += LineHeight(style.Body);
        }
    }

    public static float LineHeight(SKFont font) => font.Size * 1.4f;

    private SKCanvas NextLine(SKFont font)
    {
        if (canvas is null || y + LineHeight(font) > Bottom)
        {
            NewPage();
        }

        y += LineHeight(font);
        return Canvas;
    }

    private float Baseline(SKFont font) => y - (font.Size * 0.35f);
}
