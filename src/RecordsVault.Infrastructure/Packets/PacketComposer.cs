using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Records;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// Lays out a whole packet, cover to closing page, onto a <see cref="PageFlow"/>, in one pass: what only the end
/// knows (where each record starts, how many pages there are) is on the closing pages.
/// </summary>
internal sealed class PacketComposer(
    PacketDocument packet,
    Func<PacketRecord, CancellationToken, Task<Stream>> openContent,
    PageFlow flow)
{
    /// <summary>The page on which each record starts.</summary>
    private readonly List<int> recordPages = [];

    private PacketStyle Style => flow.Style;

    public async Task ComposeAsync(CancellationToken cancellationToken)
    {
        Cover();
        Index();
        for (var i = 0; i < packet.Records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RecordAsync(i, packet.Records[i], cancellationToken);
        }

        Closing();
        flow.EndPage();
    }

    private void Cover()
    {
        flow.NewPage();
        flow.Text(packet.Title, Style.Title);
        flow.Gap(8);
        Field("Packet", packet.PacketId);
        Field("Requested by", packet.Requester);
        Field("Designee", packet.Designee ?? "None named");
        Field("Purpose", packet.Purpose);
        Field("Date of the request", PacketText.Instant(packet.RequestedAt));
        Field("Case numbers", packet.CaseNumbers.Count == 0 ? "None" : string.Join(", ", packet.CaseNumbers));
        Field("Number of records", PacketText.Invariant($"{packet.Records.Count}"));
        flow.Gap(12);
        flow.Text(
            "This packet answers a request for records under ORR guide 6.2.5. The index lists each record with its SHA-256 "
            + "digest; the original files are delivered byte-exact in the accompanying bundle and can be checked against it.",
            Style.Body);
    }

    private void Index()
    {
        flow.NewPage();
        flow.Text("Index of records", Style.Heading);
        flow.Gap(6);
        if (packet.Records.Count == 0)
        {
            flow.Text("This packet holds no records.", Style.Body);
        }

        for (var i = 0; i < packet.Records.Count; i++)
        {
            var record = packet.Records[i];
            flow.KeepTogether(PageFlow.LineHeight(Style.Strong) + (2 * PageFlow.LineHeight(Style.Margin)) + PageFlow.LineHeight(Style.Digest) + 8);
            flow.TitleRow(PacketText.Invariant($"{i + 1}. {record.Title}"), PacketText.Invariant($"record {i + 1}"), Style.Strong, Destination(i));
            flow.Text(
                $"{record.Kind} · {PacketText.Ownership(record.Ownership)} · developed {PacketText.Date(record.DevelopedAt)} · {PacketText.Size(record.Size)}",
                Style.Margin,
                indent: 12);
            flow.Text($"Case {record.CaseNumber} · {record.ContentType} · record {record.RecordId}", Style.Margin, indent: 12, paint: Style.Muted);
            flow.Text($"SHA-256 {record.Sha256}", Style.Digest, indent: 12);
            flow.Gap(6);
        }
    }

    private async Task RecordAsync(int index, PacketRecord record, CancellationToken cancellationToken)
    {
        flow.NewPage();
        recordPages.Add(flow.PageNumber);
        flow.Destination(Destination(index));
        flow.Text(PacketText.Invariant($"Record {index + 1} of {packet.Records.Count}: {record.Title}"), Style.Heading);
        flow.Gap(4);
        Field("Record id", record.RecordId);
        Field("Case number", record.CaseNumber);
        Field("Kind", record.Kind);
        Field("Ownership", PacketText.Ownership(record.Ownership));
        Field("Developed", PacketText.Date(record.DevelopedAt));
        Field("Content type", record.ContentType);
        Field("Size", PacketText.Size(record.Size));
        flow.Text($"SHA-256 {record.Sha256}", Style.Digest);
        flow.Rule();

        Task<Stream> Open(CancellationToken ct) => openContent(record, ct);
        flow.LimitRecordPages(true);
        try
        {
            await (Normalize(record.ContentType) switch
            {
                ContentTypes.Text or ContentTypes.Json => TextContent.WriteAsync(flow, record, Open, cancellationToken),
                ContentTypes.Png or ContentTypes.Jpeg => ImageContent.WriteAsync(flow, record, Open, cancellationToken),
                ContentTypes.Tiff => TiffContent.WriteAsync(flow, record, Open, cancellationToken),
                ContentTypes.Pdf => PdfContent.WriteAsync(flow, record, Open, cancellationToken),
                _ => NotRenderable(record),
            });
        }
        catch (RecordPageLimitException)
        {
            flow.LimitRecordPages(false);
            flow.Text(
                PacketText.Invariant($"The rest of this record could not be rendered: a packet shows at most {PageFlow.MaxRecordPages} pages of one record. It is delivered byte-exact in the bundle; its SHA-256 is {record.Sha256}."),
                Style.Strong);
        }
        catch (Exception ex) when (ContentFailure.IsNotable(ex))
        {
            flow.LimitRecordPages(false);
            flow.Text("The rest of this record could not be rendered; it is delivered byte-exact in the bundle.", Style.Body);
        }
        finally
        {
            flow.LimitRecordPages(false);
        }
    }

    private Task NotRenderable(PacketRecord record)
    {
        flow.Text($"Not renderable in this packet ({record.ContentType}): delivered in the bundle.", Style.Strong);
        flow.Text($"Verify the delivered file against its SHA-256: {record.Sha256}", Style.Body);
        return Task.CompletedTask;
    }

    private void Closing()
    {
        flow.NewPage();
        flow.Text("Chain of custody", Style.Heading);
        flow.Gap(6);
        if (packet.CustodyLines.Count == 0)
        {
            flow.Text("No audit trail is available for this packet.", Style.Body);
        }

        foreach (var line in packet.CustodyLines)
        {
            flow.Text(line, Style.Body);
        }

        if (recordPages.Count > 0)
        {
            flow.Gap(12);
            flow.Text("Where each record starts", Style.Heading);
            flow.Gap(6);
            flow.Text(string.Join(" · ", recordPages.Select((page, i) => PacketText.Invariant($"record {i + 1}: page {page}"))), Style.Body);
        }

        // Kept on one page with the line before it, so the count it states includes the page it is on.
        flow.Gap(12);
        flow.KeepTogether(PageFlow.LineHeight(Style.Strong));
        flow.Text(PacketText.Invariant($"End of packet {packet.PacketId}: {flow.PageNumber} pages."), Style.Strong);
    }

    private static string Destination(int index) => PacketText.Invariant($"record-{index + 1}");

    private void Field(string label, string value) => flow.Text($"{label}: {value}", Style.Body);

    private static string Normalize(string contentType) => contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
}
