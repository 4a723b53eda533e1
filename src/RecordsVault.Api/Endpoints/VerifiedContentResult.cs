using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Api.Endpoints;

/// <summary>What a verified download sends: its type, size, digest header and file name.</summary>
public sealed record DownloadDescription(string ContentType, long Size, string Sha256, string DigestHeader, string FileName, string Subject)
{
    public static DownloadDescription For(Record record) => new(
        record.ContentType, record.Size, record.Sha256, "X-Content-SHA256", record.Id + Extension(record.ContentType), $"record {record.Id} of case {record.CaseId}");

    public static string Extension(string contentType) => ContentTypes.Extension(contentType);
}

/// <summary>
/// Streams decrypted content. The first MiB is read before any byte is sent, so a file smaller than 1 MiB is fully
/// verified (its AES-GCM tag and its SHA-256) and a bad one answers with a problem response. Past that, every byte
/// sent has passed its region's GCM tag already (the decrypting stream authenticates a whole 4 MiB region before it returns any of it),
/// and a failed check aborts the connection: the client sees a transfer shorter than Content-Length.
/// </summary>
public sealed partial class VerifiedContentResult(DownloadDescription download, DigestingStream content, ILogger logger) : IResult
{
    private const int LookAhead = 1024 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var stream = content;
        var cancellationToken = httpContext.RequestAborted;
        // One pooled buffer for the look-ahead and the rest of the copy: a fresh 1 MiB array per download lands on the
        // large object heap, which only a full collection frees. Cleared on return, so no record's plaintext waits in
        // the pool for the next renter.
        var length = (int)Math.Min(LookAhead, download.Size + 1);
        var head = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await SendAsync(httpContext, stream, head.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(head, clearArray: true);
        }
    }

    private async Task SendAsync(HttpContext httpContext, Stream stream, Memory<byte> head, CancellationToken cancellationToken)
    {
        var filled = 0;

        // Filling less than the buffer means the stream ended, and its digest was checked at that end.
        try
        {
            int read;
            while (filled < head.Length && (read = await stream.ReadAsync(head[filled..], cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (IntegrityException)
        {
            LogIntegrityFailure(logger, download.Subject);
            throw;
        }

        // On the trail before any byte leaves: a download cut short, or a crash mid-stream, still shows.
        await httpContext.RequestServices.GetRequiredService<VaultDbContext>().AppendAuditAsync(AuditOutcome.Succeeded, CancellationToken.None);
        var response = httpContext.Response;
        response.ContentType = download.ContentType;
        response.ContentLength = download.Size;
        response.Headers[download.DigestHeader] = download.Sha256;
        response.Headers.ContentDisposition = $"attachment; filename=\"{download.FileName}\"";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(head[..filled], cancellationToken);
        if (filled < head.Length)
        {
            return;
        }

        try
        {
            int read;
            while ((read = await stream.ReadAsync(head, cancellationToken)) > 0)
            {
                await response.Body.WriteAsync(head[..read], cancellationToken);
            }
        }
        catch (IntegrityException)
        {
            LogIntegrityFailure(logger, download.Subject);
            httpContext.Abort();
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Integrity error: {Subject} failed decryption or digest verification")]
    private static partial void LogIntegrityFailure(ILogger logger, string subject);
}
