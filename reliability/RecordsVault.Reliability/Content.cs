using System.Security.Cryptography;

namespace RecordsVault.Reliability;

/// <summary>
/// A PDF signature then pseudo-random bytes from a seed, generated as read: the same seed gives the same bytes, so
/// a 100 MiB file is never held whole and its digest is known. It can stop at an offset until released, so that a
/// scenario kills something mid-transfer.
/// </summary>
internal sealed class Content(long length, int seed, long pauseAt = -1) : Stream
{
    private static readonly byte[] Header = "%PDF-1.4\n"u8.ToArray();
    private readonly Random random = new(seed);
    private readonly TaskCompletionSource reachedPause = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long position;

    /// <summary>Completes once the upload has sent <c>pauseAt</c> bytes.</summary>
    public Task ReachedPause => reachedPause.Task;

    public void Resume() => resume.TrySetResult();

    public static string Sha256(long length, int seed)
    {
        using var content = new Content(length, seed);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (pauseAt >= 0 && position >= pauseAt)
        {
            reachedPause.TrySetResult();
            await resume.Task.WaitAsync(cancellationToken);
        }

        var limit = pauseAt >= 0 && position < pauseAt ? (int)Math.Min(buffer.Length, pauseAt - position) : buffer.Length;
        return Fill(buffer.Span[..limit]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Fill(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - position);
        if (n <= 0)
        {
            return 0;
        }

        var target = buffer[..n];
        random.NextBytes(target);
        for (var i = 0; i < n && position + i < Header.Length; i++)
        {
            target[i] = Header[position + i];
        }

        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
