using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// Streams decrypted content. The first 4 MiB (one encryption region) are read before any byte is sent,
/// so a small file is fully verified and a bad one answers with a problem response. Past that, a failed
/// check aborts the connection, and the client sees a transfer shorter than Content-Length.
/// </summary>
public sealed partial class RecordContentResult(Record record, DigestingStream content, ILogger logger) : IResult
{
    private const int LookAhead = 4 * 1024 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var stream = content;
        var cancellationToken = httpContext.RequestAborted;
        var head = new byte[(int)Math.Min(LookAhead, record.Size + 1)];
        var filled = 0;

        // Filling less than the buffer means the stream ended, and its digest was checked at that end.
        try
        {
            int read;
            while (filled < head.Length && (read = await stream.ReadAsync(head.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }
        }
        catch (IntegrityException)
        {
            LogIntegrityFailure(logger, record.Id, record.CaseId);
            throw;
        }

        // On the trail before any byte leaves: a download cut short, or a crash mid-stream, still shows.
        await httpContext.RequestServices.GetRequiredService<VaultDbContext>().AppendAuditAsync(AuditOutcome.Succeeded, CancellationToken.None);
        var response = httpContext.Response;
        response.ContentType = record.ContentType;
        response.ContentLength = record.Size;
        response.Headers["X-Content-SHA256"] = record.Sha256;
        response.Headers.ContentDisposition = $"attachment; filename=\"{record.Id}{Extension(record.ContentType)}\"";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(head.AsMemory(0, filled), cancellationToken);
        try
        {
            await stream.CopyToAsync(response.Body, 1024 * 1024, cancellationToken);
        }
        catch (IntegrityException)
        {
            LogIntegrityFailure(logger, record.Id, record.CaseId);
            httpContext.Abort();
        }
    }

    private static string Extension(string contentType) => contentType switch
    {
        ContentTypes.Pdf => ".pdf",
        ContentTypes.Png => ".png",
        ContentTypes.Jpeg => ".jpg",
        ContentTypes.Tiff => ".tiff",
        ContentTypes.Text => ".txt",
        ContentTypes.Json => ".json",
        ContentTypes.Docx => ".docx",
        _ => string.Empty,
    };

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Integrity error: record {RecordId} of case {CaseId} failed decryption or digest verification")]
    private static partial void LogIntegrityFailure(ILogger logger, string recordId, string caseId);
}
