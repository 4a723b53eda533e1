using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Api.Endpoints;

/// <summary>One file of a bundle, as <c>manifest.json</c> lists it.</summary>
public sealed record BundleFile(string Path, string Sha256, long Size, string? RecordId, string? Title, string? Kind);

/// <summary>
/// Streams a ZIP of the packet, the original files and <c>manifest.json</c> with every file's SHA-256.
/// Each file is decrypted and verified while it is written; nothing is assembled in memory or on disk.
/// A failed check aborts the transfer before the ZIP's central directory is written, so a recipient gets
/// a broken transfer and an unreadable file, never a bundle that looks complete but is not.
/// </summary>
public sealed partial class BundleResult(
    string bundleName, Func<CancellationToken, Task<DigestingStream>> openPacket, IReadOnlyList<Record> records,
    RecordService recordService, ILogger logger) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        await using var packet = await openPacket(cancellationToken); // fails before any byte is sent if the packet is gone

        // On the trail before any byte leaves: a bundle cut short, or a crash mid-stream, still shows.
        await httpContext.RequestServices.GetRequiredService<VaultDbContext>().AppendAuditAsync(AuditOutcome.Succeeded, CancellationToken.None);
        var response = httpContext.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"{bundleName}.zip\"";

        // ZipArchive writes its local headers synchronously; only this response is allowed to.
        httpContext.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;

        // Not a using: disposing the archive writes its central directory, which would turn the bytes sent
        // so far into a valid, shorter ZIP. It is disposed only once every entry has been written and verified.
        var zip = new ZipArchive(response.Body, ZipArchiveMode.Create, leaveOpen: true);
        try
        {
            var manifest = new List<BundleFile> { await AddAsync(zip, "packet.pdf", packet, null, cancellationToken) };
            foreach (var record in records)
            {
                await using var content = await recordService.OpenContentAsync(record, cancellationToken);
                manifest.Add(await AddAsync(zip, $"records/{record.Id}{DownloadDescription.Extension(record.ContentType)}", content, record, cancellationToken));
            }

            await using (var manifestStream = zip.CreateEntry("manifest.json", CompressionLevel.Fastest).Open())
            {
                await JsonSerializer.SerializeAsync(manifestStream, new { bundle = bundleName, files = manifest }, JsonSerializerOptions.Web, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IntegrityException or GoneException)
        {
            LogBundleFailure(logger, bundleName, ex.GetType().Name);
            httpContext.Abort();
            return;
        }
        catch
        {
            // Storage down, client gone: the same broken transfer, and the error is logged upstream.
            httpContext.Abort();
            throw;
        }

        zip.Dispose();
    }

    private static async Task<BundleFile> AddAsync(
        ZipArchive zip, string path, DigestingStream content, Record? record, CancellationToken cancellationToken)
    {
        await using (var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open())
        {
            await content.CopyToAsync(entry, 1024 * 1024, cancellationToken);
        }

        return new BundleFile(path, content.Sha256Hex, content.BytesRead, record?.Id, record?.Title, record?.Kind);
    }

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Integrity error: bundle {Bundle} aborted ({Failure})")]
    private static partial void LogBundleFailure(ILogger logger, string bundle, string failure);
}
