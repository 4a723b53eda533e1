using System.Globalization;
using RecordsVault.Core.Disclosures;
using UglyToad.PdfPig;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// A stored PDF: a separator stating its page count, then each of its pages in turn. Skia cannot import PDF pages, so
/// each page is a re-rendering of what PdfPig reads from it (text and images, see <see cref="PdfPageRedraw"/>), not a
/// byte copy; the original PDF is delivered byte-exact in the bundle, and its digest is in the index.
/// </summary>
internal static class PdfContent
{
    private static readonly ParsingOptions Options = new() { UseLenientParsing = true, SkipMissingFonts = true };

    public static async Task WriteAsync(PageFlow flow, PacketRecord record, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        await using var content = new ReopeningStream(open, record.Size, cancellationToken);
        PdfDocument document;
        int pages;
        try
        {
            document = PdfDocument.Open(content, Options);
            pages = document.NumberOfPages;
            content.ThrowIfSourceFailed();
        }
        catch (Exception ex) when (ContentFailure.IsNotable(ex))
        {
            content.ThrowIfSourceFailed();
            flow.Text("The stored PDF could not be read here; it is delivered byte-exact in the bundle.", flow.Style.Body);
            return;
        }

        using (document)
        {
            flow.Text(string.Create(CultureInfo.InvariantCulture, $"The stored PDF follows: {pages} page(s)."), flow.Style.Strong);
            flow.Text(
                "Its pages are re-rendered from the text and images read from the file, so layout, fonts and drawings may differ "
                + "from the original. The original PDF is delivered byte-exact in the bundle; its SHA-256 is listed above and in the index.",
                flow.Style.Body);

            for (var number = 1; number <= pages; number++)
            {
                flow.NewPage();
                flow.Text(string.Create(CultureInfo.InvariantCulture, $"Stored PDF, page {number} of {pages}"), flow.Style.Margin, paint: flow.Style.Muted);
                flow.Gap(4);
                var area = flow.TakeRest(0);

                try
                {
                    PdfPageRedraw.Draw(flow.Canvas, document.GetPage(number), area, flow.Style);
                    content.ThrowIfSourceFailed();
                }
                catch (Exception ex) when (ContentFailure.IsNotable(ex))
                {
                    content.ThrowIfSourceFailed();
                    flow.Note(area, "This page could not be re-rendered; the original PDF is delivered byte-exact in the bundle.");
                }
            }
        }
    }
}
