using System.Security.Cryptography;
using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>
/// A read-through stream that counts and SHA-256-hashes what passes, optionally after a prefix that was
/// already read for sniffing, and refuses to pass more than <paramref name="maxBytes"/>. Given an
/// <paramref name="expectedSha256"/>, it fails at the end of the stream unless the digest matches.
/// </summary>
public sealed class DigestingStream(
    Stream inner,
    long maxBytes = long.MaxValue,
    ReadOnlyMemory<byte> prefix = default,
    string? expectedSha256 = null) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ReadOnlyMemory<byte> pending = prefix;
    private byte[]? digest;

    public long BytesRead { get; private set; }

    public bool Completed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>The SHA-256 of everything read, available once the inner stream has ended.</summary>
    public string Sha256Hex => Convert.ToHexStringLower(digest ?? throw new InvalidOperationException("The stream has not been read to its end."));

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (!pending.IsEmpty)
        {
            read = Math.Min(buffer.Length, pending.Length);
            pending[..read].CopyTo(buffer);
            pending = pending[read..];
        }
        else
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }

        if (read == 0)
        {
            if (!Completed)
            {
                Completed = true;
                digest = hash.GetHashAndReset();
                if (expectedSha256 is not null && !string.Equals(Sha256Hex, expectedSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new IntegrityException("The content's SHA-256 does not match the digest recorded at upload.");
                }
            }

            return 0;
        }

        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            throw new PayloadTooLargeException(maxBytes);
        }

        hash.AppendData(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
