using RecordsVault.Core.Disclosures;
using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// Renders disclosure packets as PDF/A with SkiaSharp, US Letter. It lays the packet out twice: a counting pass on a
/// canvas that draws nothing learns the total page count (and where each record starts), then the drawing pass streams
/// the PDF to the output, stamping "Page n of N" on every page. Record content is read from <c>openContent</c> in each
/// pass and never held whole, except one encoded image at a time. Every value in the file comes from the packet or
/// the records, never the clock; only the document id Skia writes for PDF/A differs between two renders.
/// The output receives synchronous writes.
/// </summary>
public sealed class SkiaPacketRenderer : IPacketRenderer
{
    public async Task RenderAsync(
        PacketDocument packet,
        Func<PacketRecord, CancellationToken, Task<Stream>> openContent,
        Stream output,
        CancellationToken cancellationToken)
    {
        using var style = new PacketStyle();
        using var counting = new CountingPageTarget();
        var layout = new PacketComposer(packet, openContent, new PageFlow(counting, style), knownRecordPages: null);
        await layout.ComposeAsync(cancellationToken);

        var safeOutput = new NativeSafeOutput(output);
        using var stream = new SKManagedWStream(safeOutput, disposeManagedStream: false);
        using var document = SKDocument.CreatePdf(stream, Metadata(packet))
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        var drawing = new PdfPageTarget(document, style, packet.HeaderLabel, counting.Pages);
        await new PacketComposer(packet, openContent, new PageFlow(drawing, style), layout.RecordPages).ComposeAsync(cancellationToken);
        if (drawing.Pages != counting.Pages)
        {
            // Only changed content can do this; the footers would be wrong, so no packet is better than this one.
            document.Abort();
            throw new InvalidOperationException("A record's content changed while the packet was being rendered.");
        }

        document.Close();
        stream.Flush();
        safeOutput.ThrowIfFailed();
    }

    private static SKDocumentPdfMetadata Metadata(PacketDocument packet) => SKDocumentPdfMetadata.Default with
    {
        Title = packet.Title,
        Author = packet.Author,
        Subject = packet.HeaderLabel,
        Creator = "RecordsVault",
        Creation = packet.RequestedAt.UtcDateTime,
        Modified = packet.RequestedAt.UtcDateTime,
        PdfA = true,
    };
}
