using RecordsVault.Core.Disclosures;
using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// Renders disclosure packets as PDF/A with SkiaSharp, US Letter, in one pass: each record's content is read once, as
/// it is decrypted, and each page goes to the output as it ends. So no page can know the total: pages say "Page n",
/// the index links to each record instead of naming its page, and the closing pages list where each record starts
/// and how many pages the packet has. Nothing is held whole, except one encoded image at a time. Every value in the
/// file comes from the packet or the records, never the clock; only the document id Skia writes for PDF/A differs
/// between two renders. The output receives synchronous writes.
/// </summary>
public sealed class SkiaPacketRenderer : IPacketRenderer
{
    /// <summary>
    /// The most pages one record may fill: past them, the packet says the rest is in the bundle. A record is evidence,
    /// but a 200 MiB text file drawn as 50,000 pages helps no reader and makes a packet few tools can open.
    /// </summary>
    public const int MaxRecordPages = 500;

    public async Task RenderAsync(
        PacketDocument packet,
        Func<PacketRecord, CancellationToken, Task<Stream>> openContent,
        Stream output,
        CancellationToken cancellationToken)
    {
        using var style = new PacketStyle();
        var safeOutput = new NativeSafeOutput(output);
        using var stream = new SKManagedWStream(safeOutput, disposeManagedStream: false);
        using var document = SKDocument.CreatePdf(stream, Metadata(packet))
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        var pages = new PdfPageTarget(document, style, packet.HeaderLabel);
        await new PacketComposer(packet, openContent, new PageFlow(pages, style)).ComposeAsync(cancellationToken);
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
