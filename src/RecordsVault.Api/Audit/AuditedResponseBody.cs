using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace RecordsVault.Api.Audit;

/// <summary>
/// The response body of an audited request. Before its first byte can leave (a flush, a write, a start, a file sent,
/// the completion), <paramref name="beforeStart"/> runs, until it has succeeded once: the audit middleware appends a
/// successful read's event there, so the client receives nothing the trail does not already hold. If that append
/// fails, the failure is thrown from the write, before the response has started, whatever the writer had buffered is
/// dropped, and the exception handler answers with a problem instead.
/// </summary>
internal sealed class AuditedResponseBody(IHttpResponseBodyFeature inner, Func<Task> beforeStart) : IHttpResponseBodyFeature
{
    private bool passed;
    private BodyWriter? writer;
    private BodyStream? stream;

    public Stream Stream => stream ??= new BodyStream(this);

    public PipeWriter Writer => writer ??= new BodyWriter(this);

    private IHttpResponseBodyFeature Inner => inner;

    public void DisableBuffering() => inner.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await ReleaseAsync();
        await inner.StartAsync(cancellationToken);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await ReleaseAsync();
        await inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    public async Task CompleteAsync()
    {
        await ReleaseAsync();
        await inner.CompleteAsync();
    }

    /// <summary>
    /// Runs the callback if it has not passed yet, then hands what the writer holds to the server (which sends it with
    /// the rest, or at the end of the request). The middleware calls this once the endpoint has returned.
    /// </summary>
    public Task ReleaseAsync() => passed && writer is not { HasPending: true } ? Task.CompletedTask : ReleaseSlowlyAsync();

    private async Task ReleaseSlowlyAsync()
    {
        await BeforeStartAsync();
        writer?.MovePending();
    }

    /// <summary>
    /// Drops what was written but not sent: the exception handler calls this before it writes its problem, so a
    /// half-written answer never goes out ahead of it.
    /// </summary>
    public void DiscardUnsent() => writer?.Discard();

    /// <summary>
    /// Runs the callback until it has once succeeded. It decides for itself whether anything is due: after a failed
    /// append, a problem answer may start, but the original answer may not.
    /// </summary>
    private Task BeforeStartAsync() => passed ? Task.CompletedTask : RunAsync();

    private async Task RunAsync()
    {
        try
        {
            await beforeStart();
        }
        catch
        {
            writer?.Discard();
            throw;
        }

        passed = true;
    }

    /// <summary>
    /// Until the callback has passed, what is written waits here rather than in the server's buffer, so that it can be
    /// dropped; from then on every call goes straight to the server's writer.
    /// </summary>
    private sealed class BodyWriter(AuditedResponseBody body) : PipeWriter
    {
        private ArrayBufferWriter<byte>? pending;

        private PipeWriter Inner => body.Inner.Writer;

        private ArrayBufferWriter<byte> Pending => pending ??= new ArrayBufferWriter<byte>();

        public override bool CanGetUnflushedBytes => !body.passed || Inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => body.passed ? Inner.UnflushedBytes + (pending?.WrittenCount ?? 0) : Pending.WrittenCount;

        public override void Advance(int bytes)
        {
            if (body.passed)
            {
                Inner.Advance(bytes);
            }
            else
            {
                Pending.Advance(bytes);
            }
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => body.passed ? Inner.GetMemory(sizeHint) : Pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => body.passed ? Inner.GetSpan(sizeHint) : Pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => Inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            body.ReleaseAsync().GetAwaiter().GetResult();
            Inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            await body.ReleaseAsync();
            await Inner.CompleteAsync(exception);
        }

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            await body.ReleaseAsync();
            return await Inner.FlushAsync(cancellationToken);
        }

        public override async ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            await body.ReleaseAsync();
            return await Inner.WriteAsync(source, cancellationToken);
        }

        public bool HasPending => pending is not null;

        public void Discard() => pending?.Clear();

        public void MovePending()
        {
            if (pending is { WrittenCount: > 0 })
            {
                Inner.Write(pending.WrittenSpan);
                pending.Clear();
            }

            pending = null;
        }
    }

    private sealed class BodyStream(AuditedResponseBody body) : Stream
    {
        private Stream Inner => body.Inner.Stream;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
            body.ReleaseAsync().GetAwaiter().GetResult();
            Inner.Flush();
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await body.ReleaseAsync();
            await Inner.FlushAsync(cancellationToken);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            body.ReleaseAsync().GetAwaiter().GetResult();
            Inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await body.ReleaseAsync();
            await Inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
