using System.Security.Cryptography;

namespace RecordsVault.Bench;

/// <summary>
/// A read-only, seekable stream of the same bytes every time it is read: a PDF signature, so the vault accepts it,
/// then one random 1 MiB block over and over. Generated on the fly, so even a 1 GiB file is never held whole.
/// </summary>
internal sealed class GeneratedContent(long length) : Stream
{
    public const string ContentType = "application/pdf";

    // Random bytes, so nothing on the path can compress them; one block per process, so both sides send the same bytes.
    private static readonly byte[] Block = CreateBlock();

    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = (int)Math.Min(buffer.Length, Math.Max(0, length - position));
        var written = 0;
        while (written < total)
        {
            var at = (int)(position % Block.Length);
            var n = Math.Min(total - written, Block.Length - at);
            Block.AsSpan(at, n).CopyTo(buffer[written..]);
            written += n;
            position += n;
        }

        return total;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] CreateBlock()
    {
        var block = RandomNumberGenerator.GetBytes(1024 * 1024);
        "%PDF-1.7\n"u8.CopyTo(block);
        return block;
    }
}
