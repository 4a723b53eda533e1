namespace RecordsVault.IntegrationTests.Packets;

/// <summary>The packet opens in the tools a recipient might use: qpdf finds no structural errors, pdftotext reads it.</summary>
public sealed class PacketToolsTests
{
    [Fact]
    public async Task Qpdf_check_passes()
    {
        using var rendered = await RenderAsync();

        var (exitCode, output) = await ExternalTool.RunAsync("qpdf", "qpdf", "--check", rendered.Path);

        Assert.True(exitCode == 0, $"qpdf --check exited with {exitCode}:\n{output}");
        Assert.Contains("No syntax or stream encoding errors found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdftotext_extracts_the_spanish_note_and_digests()
    {
        using var rendered = await RenderAsync();

        var (exitCode, output) = await ExternalTool.RunAsync("pdftotext", "poppler-utils", "-enc", "UTF-8", rendered.Path, "-");

        Assert.True(exitCode == 0, $"pdftotext exited with {exitCode}:\n{output}");
        Assert.Contains("niño", output, StringComparison.Ordinal);
        Assert.Contains("Educación", output, StringComparison.Ordinal);
        Assert.Contains(PacketSamples.StoredPdfSecondPage, output, StringComparison.Ordinal);
        Assert.Contains("Page 8", output, StringComparison.Ordinal);
        Assert.Contains(": 8 pages.", output, StringComparison.Ordinal);
    }

    private static Task<RenderedPacket> RenderAsync()
    {
        var note = PacketSamples.Text(PacketSamples.SpanishNote);
        var png = PacketSamples.Png();
        var pdf = PacketSamples.Pdf(PacketSamples.StoredPdfFirstPage, PacketSamples.StoredPdfSecondPage);
        var packet = PacketSamples.Packet(
        [
            PacketSamples.Record("rec-1", "Home visit note", Core.Records.ContentTypes.Text, note),
            PacketSamples.Record("rec-2", "Photo of the residence", Core.Records.ContentTypes.Png, png),
            PacketSamples.Record("rec-3", "Home study", Core.Records.ContentTypes.Pdf, pdf),
        ]);
        return RenderedPacket.RenderAsync(packet, new Dictionary<string, byte[]> { ["rec-1"] = note, ["rec-2"] = png, ["rec-3"] = pdf });
    }
}
