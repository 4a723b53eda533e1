using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Packets;

namespace RecordsVault.IntegrationTests.Packets;

/// <summary>Disclosure packets rendered with Skia and read back with PdfPig, as the recipient at ORR would read them.</summary>
public sealed class PacketRendererTests
{
    [Fact]
    public async Task Three_record_packet_carries_every_record_digest_and_footer()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        // Cover, index, the note, the picture, the PDF's separator and two pages, closing page.
        Assert.Equal(8, rendered.PageTexts.Count);
        Assert.Contains("DP-2025-0007", rendered.Text, StringComparison.Ordinal);
        foreach (var record in packet.Records)
        {
            Assert.Contains(record.Sha256, rendered.PageTexts[1], StringComparison.Ordinal);
        }

        for (var page = 1; page <= 8; page++)
        {
            Assert.Matches($@"\bPage {page}\b", rendered.PageTexts[page - 1]);
            Assert.Contains("CONFIDENTIAL: ORR disclosure DP-2025-0007", rendered.PageTexts[page - 1], StringComparison.Ordinal);
        }

        Assert.Contains("End of packet DP-2025-0007: 8 pages.", rendered.PageTexts[7], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spanish_text_is_extractable_from_the_packet()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        Assert.Contains("niño", rendered.PageTexts[2], StringComparison.Ordinal);
        Assert.Contains("está", rendered.PageTexts[2], StringComparison.Ordinal);
        Assert.Contains("Educación:", rendered.PageTexts[2], StringComparison.Ordinal);
        Assert.Contains("señora Pérez,", rendered.PageTexts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cover_states_the_request_and_index_points_to_each_record()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        var cover = rendered.PageTexts[0];
        Assert.Contains("Requested by: ORR Office of the Director", cover, StringComparison.Ordinal);
        Assert.Contains("Designee: Child Advocate Services", cover, StringComparison.Ordinal);
        Assert.Contains("Date of the request: 2025-03-14 15:09 UTC", cover, StringComparison.Ordinal);
        Assert.Contains("Case numbers: TX-2025-0042", cover, StringComparison.Ordinal);
        Assert.Contains("Number of records: 3", cover, StringComparison.Ordinal);

        var index = rendered.PageTexts[1];
        Assert.Contains("1. Home visit note record 1", index, StringComparison.Ordinal);
        Assert.Contains("2. Photo of the residence record 2", index, StringComparison.Ordinal);
        Assert.Contains("3. Home study record 3", index, StringComparison.Ordinal);
        Assert.Contains("record 1: page 3 · record 2: page 4 · record 3: page 5", rendered.PageTexts[^1], StringComparison.Ordinal);
        Assert.Contains("ORR-owned", index, StringComparison.Ordinal);
        Assert.Contains("developed 2025-02-01", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_links_each_record_to_the_page_it_starts_on()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        using var document = rendered.Open();
        var targets = document.GetPage(2).GetAnnotations()
            .Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link)
            .Select(a => Assert.IsType<UglyToad.PdfPig.Actions.GoToAction>(a.Action).Destination.PageNumber)
            .ToList();
        Assert.Equal([3, 4, 5], targets);
    }

    [Fact]
    public async Task Stored_pdf_follows_its_separator_with_its_text_and_the_png_is_drawn()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        Assert.Contains("The stored PDF follows: 2 page(s).", rendered.PageTexts[4], StringComparison.Ordinal);
        Assert.Contains(PacketSamples.StoredPdfFirstPage, rendered.PageTexts[5], StringComparison.Ordinal);
        Assert.Contains("second line of the stored page", rendered.PageTexts[5], StringComparison.Ordinal);
        Assert.Contains(PacketSamples.StoredPdfSecondPage, rendered.PageTexts[6], StringComparison.Ordinal);
        using var document = rendered.Open();
        Assert.NotEmpty(document.GetPage(4).GetImages());
    }

    [Fact]
    public async Task Closing_page_lists_the_chain_of_custody_or_says_there_is_none()
    {
        var (packet, contents) = ThreeRecords();
        using var without = await RenderedPacket.RenderAsync(packet, contents);
        using var with = await RenderedPacket.RenderAsync(
            packet with { CustodyLines = ["2025-03-14 15:10 UTC alice (prov-a) exported record rec-1", "2025-03-14 15:11 UTC packet sealed"] },
            contents);

        Assert.Contains("No audit trail is available for this packet.", without.PageTexts[^1], StringComparison.Ordinal);
        Assert.Contains("alice (prov-a) exported record rec-1", with.PageTexts[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("No audit trail", with.PageTexts[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_comes_from_the_packet_not_the_clock()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        using var document = rendered.Open();
        Assert.Equal("Disclosure packet DP-2025-0007", document.Information.Title);
        Assert.Equal("Provider A", document.Information.Author);
        Assert.Equal(PacketSamples.RequestedAt, document.Information.GetCreatedDateTimeOffset());
        Assert.Equal(PacketSamples.RequestedAt, document.Information.GetModifiedDateTimeOffset());
    }

    [Fact]
    public async Task Every_page_of_a_tiff_is_rendered()
    {
        var note = PacketSamples.Record("rec-1", "Home visit note", ContentTypes.Text, PacketSamples.Text(PacketSamples.SpanishNote));
        var tiffBytes = PacketSamples.Tiff(pages: 3);
        var tiff = PacketSamples.Record("rec-2", "Scanned consent form", ContentTypes.Tiff, tiffBytes);
        var contents = new Dictionary<string, byte[]> { ["rec-1"] = PacketSamples.Text(PacketSamples.SpanishNote), ["rec-2"] = tiffBytes };

        using var before = await RenderedPacket.RenderAsync(PacketSamples.Packet([note]), contents);
        using var after = await RenderedPacket.RenderAsync(PacketSamples.Packet([note, tiff]), contents);

        Assert.Equal(before.PageTexts.Count + 3, after.PageTexts.Count);
        Assert.Contains("TIFF image, 3 page(s).", after.PageTexts[3], StringComparison.Ordinal);
        using var document = after.Open();
        foreach (var page in new[] { 4, 5, 6 })
        {
            Assert.Single(document.GetPage(page).GetImages());
        }
    }

    [Fact]
    public async Task Tiff_larger_than_the_read_cache_renders_every_page()
    {
        // About 17 MiB uncompressed: more than the renderer caches, so it must go back to the start of the stream.
        var tiffBytes = PacketSamples.Tiff(pages: 3, width: 1600, height: 1200, compression: BitMiracle.LibTiff.Classic.Compression.NONE);
        var tiff = PacketSamples.Record("rec-1", "Scanned home study", ContentTypes.Tiff, tiffBytes);
        using var rendered = await RenderedPacket.RenderAsync(PacketSamples.Packet([tiff]), new Dictionary<string, byte[]> { ["rec-1"] = tiffBytes });

        Assert.Equal(6, rendered.PageTexts.Count);
        Assert.True(rendered.Opens > 1, $"Expected the stream to be opened again past the cache, but it was opened {rendered.Opens} times.");
        using var document = rendered.Open();
        foreach (var page in new[] { 3, 4, 5 })
        {
            Assert.Single(document.GetPage(page).GetImages());
        }
    }

    [Fact]
    public async Task Jpeg_record_is_drawn()
    {
        var jpeg = PacketSamples.Jpeg();
        var record = PacketSamples.Record("rec-1", "Photo of the school", ContentTypes.Jpeg, jpeg);
        using var rendered = await RenderedPacket.RenderAsync(PacketSamples.Packet([record]), new Dictionary<string, byte[]> { ["rec-1"] = jpeg });

        Assert.Equal(4, rendered.PageTexts.Count);
        using var document = rendered.Open();
        Assert.Single(document.GetPage(3).GetImages());
    }

    [Fact]
    public async Task Each_small_record_is_read_once()
    {
        var (packet, contents) = ThreeRecords();
        using var rendered = await RenderedPacket.RenderAsync(packet, contents);

        // One pass: the note, the picture and the PDF are each opened once, as they are drawn.
        Assert.Equal(3, rendered.Opens);
    }

    [Fact]
    public async Task Docx_record_is_listed_as_not_renderable_with_its_digest()
    {
        var docx = PacketSamples.Docx();
        var record = PacketSamples.Record("rec-9", "Service plan", ContentTypes.Docx, docx);
        using var rendered = await RenderedPacket.RenderAsync(PacketSamples.Packet([record]), new Dictionary<string, byte[]> { ["rec-9"] = docx });

        Assert.Equal(4, rendered.PageTexts.Count);
        Assert.Contains("Not renderable in this packet", rendered.PageTexts[2], StringComparison.Ordinal);
        Assert.Contains("delivered in the bundle", rendered.PageTexts[2], StringComparison.Ordinal);
        Assert.Contains(record.Sha256, rendered.PageTexts[2], StringComparison.Ordinal);
        Assert.Equal(0, rendered.Opens);
    }

    [Fact]
    public async Task Long_text_is_paginated_and_every_footer_numbers_its_page()
    {
        var lines = Enumerable.Range(1, 400).Select(n => $"Línea {n:D4} del seguimiento mensual: el niño asiste a la escuela y a sus citas médicas.");
        var bytes = PacketSamples.Text(string.Join("\r\n", lines) + "\n" + new string('x', 20_000));
        var record = PacketSamples.Record("rec-1", "Monthly follow-up", ContentTypes.Json, bytes);
        using var rendered = await RenderedPacket.RenderAsync(PacketSamples.Packet([record]), new Dictionary<string, byte[]> { ["rec-1"] = bytes });

        var total = rendered.PageTexts.Count;
        Assert.True(total > 10, $"Expected the long text to span many pages, got {total}.");
        for (var page = 1; page <= total; page++)
        {
            Assert.Matches($@"\bPage {page}\b", rendered.PageTexts[page - 1]);
        }

        Assert.Contains($": {total} pages.", rendered.PageTexts[^1], StringComparison.Ordinal);

        Assert.Contains("Línea 0400 del", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_past_the_page_limit_is_cut_with_a_note_and_the_next_record_still_renders()
    {
        var lines = Enumerable.Range(1, 100_000).Select(n => $"Línea {n:D6}: nota.");
        var longBytes = PacketSamples.Text(string.Join("\n", lines));
        var shortBytes = PacketSamples.Text(PacketSamples.SpanishNote);
        var longRecord = PacketSamples.Record("rec-1", "Very long log", ContentTypes.Text, longBytes);
        var shortRecord = PacketSamples.Record("rec-2", "Short note", ContentTypes.Text, shortBytes);
        using var rendered = await RenderedPacket.RenderAsync(
            PacketSamples.Packet([longRecord, shortRecord]), new Dictionary<string, byte[]> { ["rec-1"] = longBytes, ["rec-2"] = shortBytes });

        // Cover and index, then the long record's pages from page 3: at most the limit of them, and its note on the
        // last of them, or on the next page when the last is full.
        var lastOfLong = 2 + SkiaPacketRenderer.MaxRecordPages;
        var notePage = rendered.PageTexts.ToList().FindIndex(t => t.Contains("a packet shows at most 500 pages of one record", StringComparison.Ordinal)) + 1;
        Assert.True(notePage == lastOfLong || notePage == lastOfLong + 1, $"The note is on page {notePage} of {rendered.PageTexts.Count}.");
        Assert.Contains(longRecord.Sha256, rendered.PageTexts[notePage - 1], StringComparison.Ordinal);
        Assert.DoesNotContain("Línea 100000", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Record 2 of 2: Short note", rendered.PageTexts[notePage], StringComparison.Ordinal);
        Assert.Contains("niño", rendered.PageTexts[notePage], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContentTypes.Pdf)]
    [InlineData(ContentTypes.Tiff)]
    [InlineData(ContentTypes.Text)]
    [InlineData(ContentTypes.Png)]
    public async Task Content_that_fails_its_integrity_check_stops_the_packet(string contentType)
    {
        var bytes = contentType switch
        {
            ContentTypes.Pdf => PacketSamples.Pdf(PacketSamples.StoredPdfFirstPage),
            ContentTypes.Tiff => PacketSamples.Tiff(pages: 2),
            ContentTypes.Png => PacketSamples.Png(),
            _ => PacketSamples.Text(string.Concat(Enumerable.Repeat(PacketSamples.SpanishNote, 10))),
        };
        var record = PacketSamples.Record("rec-1", "Tampered", contentType, bytes);

        await Assert.ThrowsAsync<IntegrityException>(() => new SkiaPacketRenderer().RenderAsync(
            PacketSamples.Packet([record]),
            (_, _) => Task.FromResult<Stream>(new FailingStream(bytes)),
            Stream.Null,
            CancellationToken.None));
    }

    private static (PacketDocument Packet, Dictionary<string, byte[]> Contents) ThreeRecords()
    {
        var note = PacketSamples.Text(PacketSamples.SpanishNote);
        var png = PacketSamples.Png();
        var pdf = PacketSamples.Pdf(PacketSamples.StoredPdfFirstPage, PacketSamples.StoredPdfSecondPage);
        var records = new[]
        {
            PacketSamples.Record("rec-1", "Home visit note", ContentTypes.Text, note),
            PacketSamples.Record("rec-2", "Photo of the residence", ContentTypes.Png, png),
            PacketSamples.Record("rec-3", "Home study", ContentTypes.Pdf, pdf, Ownership.OrrOwned),
        };
        return (PacketSamples.Packet(records), new() { ["rec-1"] = note, ["rec-2"] = png, ["rec-3"] = pdf });
    }

    /// <summary>Fails part-way like a download whose ciphertext was altered.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) =>
            Position + count > 100 ? throw new IntegrityException("The stored content could not be authenticated.") : base.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) =>
            Position + buffer.Length > 100 ? throw new IntegrityException("The stored content could not be authenticated.") : base.Read(buffer);
    }
}
