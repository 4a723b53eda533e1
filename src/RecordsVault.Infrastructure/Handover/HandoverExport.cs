using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Infrastructure.Handover;

/// <summary>
/// Grant-end handover to another vault: the selected cases' original files, decrypted and checked against their
/// SHA-256 as they stream out, a manifest in the archive import's format (holds included), <c>cases.json</c> with
/// what the manifest cannot carry, and <c>signature.json</c>, the signed index. Files are never held whole; the
/// manifest and case file (metadata only) are kept in memory until the end. The export is audited as one event
/// naming every case before its first byte is written.
/// </summary>
public sealed class HandoverExport(
    VaultDbContext db, RecordService records, RetentionPolicy policy, VaultSigner signer, AuditCheckpointer checkpointer, TimeProvider clock)
{
    public const string AuditAction = "handover.export";
    private const int CasesPerQuery = 200;

    private static readonly JsonSerializerOptions CaseFileOptions = new(JsonSerializerOptions.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<ExportIndex> ExportAsync(
        HandoverSelection selection, ExportTarget target, AuditActor actor, string requestId, IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (await selection.MissingAsync(db, cancellationToken) is { Count: > 0 } missing)
        {
            throw new Core.Errors.ValidationException("caseIds", $"Not live cases of {selection.From}: {string.Join(", ", missing.Take(20))}.");
        }

        var query = selection.Query(db).AsNoTracking();
        var caseIds = await query.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var recordTotal = await db.Records.LongCountAsync(r => query.Any(c => c.Id == r.CaseId), cancellationToken);
        var exportId = Guid.CreateVersion7().ToString();
        await AuditAsync(exportId, caseIds, selection.From, actor, requestId);

        var manifest = new StringBuilder(CsvWriter.Row([.. ArchiveManifest.Columns, .. ArchiveManifest.OptionalColumns]));
        var described = new List<ExportedCase>();
        var done = new ExportProgress(0, recordTotal, 0);
        foreach (var chunk in caseIds.Chunk(CasesPerQuery))
        {
            db.ChangeTracker.Clear();
            var loaded = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id) && c.OrganizationId == selection.From)
                .OrderBy(c => c.Id).ToListAsync(cancellationToken);
            var holds = (await (from hc in db.ActiveHoldCases
                                where chunk.Contains(hc.CaseId)
                                join h in db.Holds on hc.HoldId equals h.Id
                                select new { hc.CaseId, Hold = h }).AsNoTracking().ToListAsync(cancellationToken))
                .ToLookup(x => x.CaseId, x => x.Hold);
            foreach (var c in loaded)
            {
                var caseHolds = holds[c.Id].OrderBy(h => h.Id).ToList();
                var exported = new List<ExportedRecord>();
                var holdsColumn = ArchiveHolds.Of(caseHolds.Select(h => new ArchiveHold(h.Matter, h.Reason))).ToColumn();
                foreach (var record in await records.ListAsync(c.Id, cancellationToken))
                {
                    var file = $"files/{c.Id}/{record.Id}{ContentTypes.Extension(record.ContentType)}";
                    await target.WriteAsync(file, async stream =>
                    {
                        await using var content = await records.OpenContentAsync(record, cancellationToken);
                        await content.CopyToAsync(stream, 1024 * 1024, cancellationToken);
                    }, cancellationToken);
                    manifest.Append(Row(c, record.Title, record.Kind, Date(record.DevelopedAt), file, record.Sha256, holdsColumn));
                    exported.Add(new ExportedRecord(record.Id, file, record.Sha256, record.Size, record.ContentType, record.Ownership, record.DevelopedAt));
                    done = done with { Records = done.Records + 1, Bytes = done.Bytes + record.Size };
                    progress?.Report(done);
                }

                if (exported.Count == 0)
                {
                    manifest.Append(Row(c, null, null, null, null, null, holdsColumn));
                }

                described.Add(new ExportedCase(
                    c.CaseNumber, c.Id, c.Lifecycle.ToString(), c.ServicePeriodEnd, c.RetainUntil, policy.Evaluate(c),
                    [.. caseHolds.Select(h => new ExportedHold(h.Id, h.Matter, h.Reason, h.CreatedAt, h.CreatedByOrganization))],
                    exported));
            }
        }

        var files = new List<ExportFile>
        {
            await WriteAsync(target, ExportIndex.ManifestPath, Encoding.UTF8.GetBytes(manifest.ToString()), cancellationToken),
            await WriteAsync(target, ExportIndex.CasesPath, JsonSerializer.SerializeToUtf8Bytes(described, CaseFileOptions), cancellationToken),
        };
        var index = new ExportIndex(
            exportId, selection.From, actor.Subject, clock.GetUtcNow().UtcDateTime, described.Count, described.Sum(c => c.Records.Count), files);
        var signed = await signer.SignAsync(index, cancellationToken);
        await WriteAsync(target, ExportIndex.SignaturePath, Encoding.UTF8.GetBytes(signed.ToJson()), cancellationToken);
        await target.CompleteAsync();
        return index;
    }

    /// <summary>A manifest row: the case's fields, then the record's (all empty for a case without records).</summary>
    private static string Row(Case c, string? title, string? kind, string? developedAt, string? file, string? sha256, string holds)
    {
        var closed = c.Lifecycle != CaseLifecycle.Open;
        return CsvWriter.Row(
        [
            c.CaseNumber, c.State, Date(c.ReleaseDate), c.ChildDateOfBirth is { } born ? Date(born) : null, c.PrsType.ToString(),
            c.PrsLevel.ToString(CultureInfo.InvariantCulture),
            closed && c.ServicePeriodEnd is { } end ? Date(end) : null,
            closed ? (string.IsNullOrWhiteSpace(c.ClosedReason) ? "Closed (no reason recorded)" : c.ClosedReason) : null,
            title, kind, developedAt, file, sha256, holds,
        ]);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<ExportFile> WriteAsync(ExportTarget target, string path, byte[] bytes, CancellationToken cancellationToken)
    {
        await target.WriteAsync(path, stream => stream.WriteAsync(bytes, cancellationToken).AsTask(), cancellationToken);
        return new ExportFile(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
    }

    private async Task AuditAsync(string exportId, List<string> caseIds, string from, AuditActor actor, string requestId)
    {
        var trail = new AuditTrail(clock, checkpointer);
        trail.Begin(AuditAction, () => actor, client: null, requestId);
        foreach (var id in caseIds)
        {
            trail.AddCase(id, from);
        }

        trail.SetTarget($"{exportId};cases={caseIds.Count}");
        await db.AppendAuditAsync(trail, AuditOutcome.Succeeded, CancellationToken.None);
    }
}

/// <summary>How far an export has got: records written of those selected, and their bytes.</summary>
public sealed record ExportProgress(long Records, long Total, long Bytes);
