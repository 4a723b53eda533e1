using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Infrastructure.Archive;

/// <summary>One file of a streamed archive: its manifest path and its bytes, readable once.</summary>
public sealed record ArchivePart(string Path, Stream Body);

public sealed partial class ArchiveImporter
{
    /// <summary>
    /// The same import for files that arrive once each, in any order, as parts of one request (<c>POST /archive</c>):
    /// each is stored as it streams in and kept only if its case does not hold its SHA-256 yet. A case is finished
    /// once all its files have arrived; a file that never arrives leaves its case open, named in the receipt, for a
    /// later request to complete. Each manifest path must be listed once (the caller checks).
    /// </summary>
    public async Task<ArchiveReceipt> ImportStreamedAsync(
        ArchiveManifest manifest, IAsyncEnumerable<ArchivePart> parts, AuditActor actor, ArchiveRun run, CancellationToken cancellationToken)
    {
        var rows = manifest.Entries.SelectMany(e => e.Records.Select(r => (Entry: e, Row: r))).ToDictionary(x => x.Row.File, StringComparer.Ordinal);
        var arrived = manifest.Entries.ToDictionary(e => e, _ => new List<ArchivedRecord>());
        var broken = new HashSet<ArchiveEntry>();
        var failures = new List<string>();
        var counts = new Counts(manifest.RecordCount, null);
        await foreach (var part in parts.WithCancellation(cancellationToken))
        {
            if (!rows.TryGetValue(part.Path, out var match) || arrived[match.Entry].Any(a => a.File == part.Path))
            {
                failures.Add($"file part {part.Path}: not in the manifest, or sent twice; it was not stored.");
                continue;
            }

            try
            {
                var archived = await ArriveAsync(match.Entry, match.Row, part.Body, actor, run, cancellationToken);
                arrived[match.Entry].Add(archived);
                counts.Done(archived.AlreadyIn, 0);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !run.StopOnError)
            {
                broken.Add(match.Entry);
                failures.Add($"line {match.Row.Line}: case {match.Entry.Case.CaseNumber} was not finished: {ex.Message}");
                LogCaseFailed(logger, match.Row.Line, ex.GetType().Name);
            }
        }

        var done = new List<ArchivedCase>();
        foreach (var entry in manifest.Entries.Where(e => !broken.Contains(e)))
        {
            var missing = entry.Records.Where(r => arrived[entry].All(a => a.File != r.File)).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"line {missing[0].Line}: case {entry.Case.CaseNumber} was not finished: not sent: {string.Join(", ", missing.Select(r => r.File))}.");
                continue;
            }

            var target = await FindOrCreateCaseAsync(entry, actor, cancellationToken);
            done.Add(await FinishAsync(target, entry, actor, run.RequestId, [.. arrived[entry].OrderBy(a => a.Line)], cancellationToken));
        }

        return await ReceiptAsync(manifest, actor, run, counts, done, failures);
    }

    /// <summary>Stores one arriving file, unless its case already holds its SHA-256 (then the stored copy is discarded).</summary>
    private async Task<ArchivedRecord> ArriveAsync(
        ArchiveEntry entry, ArchiveRecord row, Stream body, AuditActor actor, ArchiveRun run, CancellationToken cancellationToken)
    {
        var target = await FindOrCreateCaseAsync(entry, actor, cancellationToken);
        var stored = await StoredDigestsAsync(target.Id, cancellationToken);
        if (target.Lifecycle != CaseLifecycle.Open)
        {
            // A finished case only proves that it has the file; it never takes a new one.
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(body, cancellationToken));
            return stored.TryGetValue(sha256, out var id) && (row.Sha256 is null || row.Sha256 == sha256)
                ? new ArchivedRecord(row.Line, row.File, id, sha256, AlreadyIn: true)
                : throw new InvalidOperationException($"the case is {target.Lifecycle} in the vault and lacks {row.File} (line {row.Line}); reopen it to add records.");
        }

        await using var pending = await StorePendingAsync(target, row, body, actor, run.MaxBytes, cancellationToken);
        var digest = pending.Record.Sha256;
        if (row.Sha256 is { } stated && stated != digest)
        {
            throw new InvalidDataException($"{row.File} (line {row.Line}) does not match the SHA-256 the manifest states for it.");
        }

        if (stored.TryGetValue(digest, out var existing))
        {
            return new ArchivedRecord(row.Line, row.File, existing, digest, AlreadyIn: true);
        }

        var record = await records.CommitAsync(pending, cancellationToken);
        return new ArchivedRecord(row.Line, row.File, record.Id, digest, AlreadyIn: false);
    }
}
