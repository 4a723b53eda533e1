using System.Security.Cryptography;
using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>
/// Reads a blob in <see cref="EncryptionV2"/> format and returns its plaintext. A region is authenticated whole, and
/// its nonce checked to be the next in sequence (so regions cannot be reordered), before any of its bytes are
/// returned; a failure is an <see cref="IntegrityException"/>. Holds one pooled region buffer, cleared when returned.
/// </summary>
internal sealed class DecryptingStream : Stream
{
    private readonly Stream inner;
    private readonly AesGcm gcm;
    private byte[]? buffer = RegionBuffers.Rent();
    private long region;
    private int start;
    private int end;
    private bool ended;

    public DecryptingStream(Stream inner, byte[] contentKey)
    {
        this.inner = inner;
        gcm = new AesGcm(contentKey, EncryptionV2.TagSize);
        CryptographicOperations.ZeroMemory(contentKey);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var held = buffer ?? throw new ObjectDisposedException(nameof(DecryptingStream));
        if (start == end && !ended)
        {
            await OpenNextRegionAsync(held, cancellationToken);
        }

        var count = Math.Min(destination.Length, end - start);
        held.AsMemory(start, count).CopyTo(destination);
        start += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer is { } held)
        {
            buffer = null;
            RegionBuffers.Return(held);
            gcm.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task OpenNextRegionAsync(byte[] stored, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < stored.Length && (read = await inner.ReadAsync(stored.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        if (filled < stored.Length)
        {
            ended = true;
        }

        start = end = EncryptionV2.NonceSize;
        if (filled == 0)
        {
            return;
        }

        var textLength = filled - EncryptionV2.NonceSize - EncryptionV2.TagSize;
        Span<byte> expectedNonce = stackalloc byte[EncryptionV2.NonceSize];
        EncryptionV2.WriteNonce(expectedNonce, region++);
        if (textLength <= 0 || !stored.AsSpan(0, EncryptionV2.NonceSize).SequenceEqual(expectedNonce))
        {
            throw new IntegrityException("The stored content could not be authenticated.");
        }

        var text = stored.AsSpan(EncryptionV2.NonceSize, textLength);
        try
        {
            gcm.Decrypt(stored.AsSpan(0, EncryptionV2.NonceSize), text, stored.AsSpan(EncryptionV2.NonceSize + textLength, EncryptionV2.TagSize), text);
        }
        catch (CryptographicException ex)
        {
            throw new IntegrityException("The stored content could not be authenticated.", ex);
        }

        end = EncryptionV2.NonceSize + textLength;
    }
}
