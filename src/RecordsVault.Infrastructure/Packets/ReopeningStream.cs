using System.Runtime.ExceptionServices;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// A read-only, seekable view of a record for the parsers that need random access (PdfPig, LibTiff), without holding
/// the record in memory or writing plaintext to disk. Recently read 64 KiB blocks are cached (at most 16 MiB), so a
/// small file is read once; going back past the cache seeks the source if it can, or else opens it again and skips
/// forward. Failures of the source itself are kept in <see cref="SourceFailure"/>, because parsers may wrap them.
/// </summary>
internal sealed class ReopeningStream(Func<CancellationToken, Task<Stream>> open, long length, CancellationToken cancellationToken) : Stream
{
    private const int BlockSize = 64 * 1024;
    private const int MaxBlocks = 256;

    private readonly Dictionary<long, LinkedListNode<Block>> cache = [];
    private readonly LinkedList<Block> recent = new();
    private Stream? source;
    private long sourcePosition;
    private long position;
    private bool sourceEnded;

    /// <summary>An exception thrown by the source stream (for example an integrity failure), never to be reported as a bad file.</summary>
    public Exception? SourceFailure { get; private set; }

    public override bool CanRead => true;

    /// <summary>Rethrows the source's own failure, unwrapped, when a parser reported it as something else.</summary>
    public void ThrowIfSourceFailed()
    {
        if (SourceFailure is not null)
        {
            ExceptionDispatchInfo.Capture(SourceFailure).Throw();
        }
    }

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        var block = GetBlock(position / BlockSize);
        var within = (int)(position % BlockSize);
        var count = Math.Min(buffer.Length, block.Count - within);
        if (count <= 0)
        {
            return 0;
        }

        block.Data.AsSpan(within, count).CopyTo(buffer);
        position += count;
        return count;
    }

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source?.Dispose();
        }

        base.Dispose(disposing);
    }

    private Block GetBlock(long index)
    {
        if (cache.TryGetValue(index, out var node))
        {
            recent.Remove(node);
            recent.AddFirst(node);
            return node.Value;
        }

        try
        {
            return ReadFromSource(index);
        }
        catch (Exception ex)
        {
            SourceFailure ??= ex;
            throw;
        }
    }

    private Block ReadFromSource(long index)
    {
        var start = index * BlockSize;
        if (source is null || sourcePosition > start || (source.CanSeek && sourcePosition < start))
        {
            Rewind(start);
        }

        while (!sourceEnded)
        {
            var block = new Block(sourcePosition / BlockSize, new byte[BlockSize], 0);
            int read;
            while (block.Count < BlockSize && (read = source!.Read(block.Data, block.Count, BlockSize - block.Count)) > 0)
            {
                block.Count += read;
            }

            sourcePosition += block.Count;
            sourceEnded = block.Count < BlockSize;
            if (block.Count > 0)
            {
                Remember(block);
            }

            if (block.Index == index)
            {
                return block;
            }
        }

        return new Block(index, [], 0);
    }

    private void Rewind(long start)
    {
        if (source is { CanSeek: true })
        {
            source.Position = start;
            sourcePosition = start;
            sourceEnded = false;
            return;
        }

        source?.Dispose();
        source = null;

        // Parsers read synchronously, so the source is opened synchronously too, as its synchronous reads already are.
        source = open(cancellationToken).GetAwaiter().GetResult();
        sourcePosition = 0;
        sourceEnded = false;
        if (source.CanSeek && start > 0)
        {
            source.Position = start;
            sourcePosition = start;
        }
    }

    private void Remember(Block block)
    {
        if (cache.TryGetValue(block.Index, out var existing))
        {
            recent.Remove(existing);
        }
        else if (cache.Count >= MaxBlocks)
        {
            var oldest = recent.Last!;
            recent.RemoveLast();
            cache.Remove(oldest.Value.Index);
        }

        cache[block.Index] = recent.AddFirst(block);
    }

    private sealed class Block(long index, byte[] data, int count)
    {
        public long Index { get; } = index;

        public byte[] Data { get; } = data;

        public int Count { get; set; } = count;
    }
}
