using System.Text;
using RecordsVault.Core.Disclosures;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Plain text and JSON, as stored (JSON is not reformatted), wrapped and paginated line by line from the stream.</summary>
internal static class TextContent
{
    /// <summary>A line without breaks is cut into pieces of this many characters, so no line is held whole.</summary>
    private const int MaxLineChars = 4096;

    public static async Task WriteAsync(PageFlow flow, PacketRecord record, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        await using var stream = await open(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new BoundedLineReader(reader, MaxLineChars);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            flow.Text(line, flow.Style.Content);
        }
    }
}
