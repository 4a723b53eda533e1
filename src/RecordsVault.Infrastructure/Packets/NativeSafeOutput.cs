namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// The output as Skia's native writer sees it. An exception thrown inside a native callback takes the
/// whole process down, so writes never throw here: the first failure is kept, later writes are dropped,
/// and <see cref="ThrowIfFailed"/> rethrows it once Skia is done. It also counts bytes, because Skia
/// asks for the position and a pipe or response stream cannot tell it.
/// </summary>
internal sealed class NativeSafeOutput(Stream inner) : Stream
{
    private Exception? failure;
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => written;

    public override long Position { get => written; set => throw new NotSupportedException(); }

    public void ThrowIfFailed()
    {
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (failure is not null)
        {
            return;
        }

        try
        {
            inner.Write(buffer);
            written += buffer.Length;
        }
        catch (Exception ex)
        {
            failure = ex;
        }
    }

    public override void Flush()
    {
        if (failure is not null)
        {
            return;
        }

        try
        {
            inner.Flush();
        }
        catch (Exception ex)
        {
            failure = ex;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
