using RecordsVault.Core.Disclosures;
using RecordsVault.Infrastructure.Packets;
using UglyToad.PdfPig;

namespace RecordsVault.IntegrationTests.Packets;

/// <summary>A packet rendered to a temporary file, and read back as a recipient would: page by page, word by word.</summary>
internal sealed class RenderedPacket : IDisposable
{
    private RenderedPacket(string path, IReadOnlyList<string> pageTexts, int opens)
    {
        Path = path;
        PageTexts = pageTexts;
        Opens = opens;
    }

    public string Path { get; }

    /// <summary>Each page's words joined by single spaces, as PdfPig extracts them.</summary>
    public IReadOnlyList<string> PageTexts { get; }

    public string Text => string.Join("\n", PageTexts);

    /// <summary>How many times the renderer opened record content.</summary>
    public int Opens { get; }

    public static async Task<RenderedPacket> RenderAsync(PacketDocument packet, IReadOnlyDictionary<string, byte[]> contents)
    {
        var opens = 0;
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"packet-{Guid.NewGuid():N}.pdf");
        await using (var output = File.Create(path))
        {
            await new SkiaPacketRenderer().RenderAsync(
                packet,
                (record, _) =>
                {
                    Interlocked.Increment(ref opens);
                    return Task.FromResult<Stream>(new ForwardOnlyStream(contents[record.RecordId]));
                },
                output,
                CancellationToken.None);
        }

        using var document = PdfDocument.Open(path);
        var texts = document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(word => word.Text))).ToList();
        return new RenderedPacket(path, texts, opens);
    }

    public PdfDocument Open() => PdfDocument.Open(Path);

    public void Dispose() => File.Delete(Path);
}

/// <summary>Like the vault's decrypting download stream: readable once, front to back, length unknown.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
{
    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
}
