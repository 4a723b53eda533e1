using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecordsVault.Core.Archive;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Holds;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Infrastructure.Archive;

/// <summary>
/// Brings a checked manifest into the vault: creates each case, stores its records, then closes it. What is
/// already in is decided from the database (case number in the organization, record SHA-256 in the case), so a
/// run after a crash or Ctrl-C finishes a half-done case and never stores a record twice. A case is closed only
/// once every one of its records is in, so a case left open by a failure is finished by the next run.
/// The caller has authorized the actor for the organization; this class audits the run as one event.
/// </summary>
public sealed partial class ArchiveImporter(
    VaultDbContext db, CaseService cases, RecordService records, LifecycleService lifecycle, HoldService holds, AuditCheckpointer checkpointer,
    TimeProvider clock, ILogger<ArchiveImporter> logger)
{
    public const string AuditAction = "archive.import";

    public async Task<ArchiveReceipt> ImportAsync(
        ArchiveManifest manifest, ArchiveFiles files, AuditActor actor, ArchiveRun run, IProgress<ArchiveProgress>? progress, CancellationToken cancellationToken)
    {
        if (manifest.Problems.Count > 0)
        {
            throw new InvalidOperationException("A manifest with problems is never imported.");
        }

        var done = new List<ArchivedCase>();
        var failures = new List<string>();
        var counts = new Counts(manifest.RecordCount, progress);
        foreach (var entry in manifest.Entries)
        {
            try
            {
                done.Add(await ImportCaseAsync(entry, files, actor, run, counts, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !run.StopOnError)
            {
                failures.Add($"line {entry.Line}: case {entry.Case.CaseNumber} was not finished: {ex.Message}");
                LogCaseFailed(logger, entry.Line, ex.GetType().Name);
            }
        }

        return await ReceiptAsync(manifest, actor, run, counts, done, failures);
    }

    private async Task<ArchivedCase> ImportCaseAsync(
        ArchiveEntry entry, ArchiveFiles files, AuditActor actor, ArchiveRun run, Counts counts, CancellationToken cancellationToken)
    {
        var target = await FindOrCreateCaseAsync(entry, actor, cancellationToken);
        var stored = await StoredDigestsAsync(target.Id, cancellationToken);
        var archived = new List<ArchivedRecord>();
        foreach (var row in entry.Records)
        {
            var sha256 = await Sha256Async(files, row.File, cancellationToken);
            if (row.Sha256 is { } stated && stated != sha256)
            {
                throw new InvalidDataException($"{row.File} (line {row.Line}) does not match the SHA-256 the manifest states for it.");
            }

            if (stored.TryGetValue(sha256, out var existingId))
            {
                archived.Add(new ArchivedRecord(row.Line, row.File, existingId, sha256, AlreadyIn: true));
                counts.Done(alreadyIn: true, files.Length(row.File));
                continue;
            }

            if (target.Lifecycle != CaseLifecycle.Open)
            {
                throw new InvalidOperationException($"the case is {target.Lifecycle} in the vault and lacks {row.File} (line {row.Line}); reopen it to add records.");
            }

            Record record;
            await using (var file = files.Open(row.File))
            {
                record = await StoreAsync(target, row, file, actor, run.MaxBytes, cancellationToken);
            }

            if (record.Sha256 != sha256)
            {
                throw new IOException($"{row.File} changed while it was being archived.");
            }

            stored[sha256] = record.Id;
            archived.Add(new ArchivedRecord(row.Line, row.File, record.Id, sha256, AlreadyIn: false));
            counts.Done(alreadyIn: false, record.Size);
        }

        return await FinishAsync(target, entry, actor, run.RequestId, archived, cancellationToken);
    }

    /// <summary>The case by its number in the actor's organization, or a new one; a case stated differently is refused.</summary>
    private async Task<Case> FindOrCreateCaseAsync(ArchiveEntry entry, AuditActor actor, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var target = await db.Cases.AsNoTracking()
            .FirstOrDefaultAsync(c => c.OrganizationId == actor.Organization && c.CaseNumber == entry.Case.CaseNumber, cancellationToken)
            ?? await cases.CreateAsync(entry.Case.ToNewCase(), actor.Organization, actor.Subject, cancellationToken);
        return target.ReleaseDate != entry.Case.ReleaseDate || target.ChildDateOfBirth != entry.Case.ChildDateOfBirth || target.State != entry.Case.State
            ? throw new InvalidOperationException("the vault already holds this case number with a different state, release date or date of birth.")
            : target;
    }

    /// <summary>The case's records by SHA-256: what is already in.</summary>
    private async Task<Dictionary<string, string>> StoredDigestsAsync(string caseId, CancellationToken cancellationToken) =>
        (await db.Records.AsNoTracking().Where(r => r.CaseId == caseId).Select(r => new { r.Id, r.Sha256 }).ToListAsync(cancellationToken))
            .GroupBy(r => r.Sha256).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);

    /// <summary>Every record of the case is in: close it with its service period end (if the manifest has one) and apply its holds.</summary>
    private async Task<ArchivedCase> FinishAsync(
        Case target, ArchiveEntry entry, AuditActor actor, string requestId, IReadOnlyList<ArchivedRecord> archived, CancellationToken cancellationToken)
    {
        if (target.Lifecycle == CaseLifecycle.Open && entry.Case.ServicePeriodEnd is { } ended)
        {
            db.ChangeTracker.Clear();
            target = await lifecycle.CloseAsync(await lifecycle.LoadAsync(target.Id, cancellationToken), ended, entry.Case.ClosureReason!, cancellationToken);
        }

        await ApplyHoldsAsync(target, entry.Case.Holds, actor, requestId, cancellationToken);
        db.ChangeTracker.Clear();
        target = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == target.Id, cancellationToken);
        return new ArchivedCase(entry.Case.CaseNumber, target.Id, target.Lifecycle.ToString(), target.RetainUntil, archived);
    }

    /// <summary>
    /// Places each hold the manifest names that the case does not already have active (matched by matter and reason),
    /// so a second run adds none. Each becomes a hold of this case alone, placed by the archiving records manager.
    /// </summary>
    private async Task ApplyHoldsAsync(Case target, ArchiveHolds wanted, AuditActor actor, string requestId, CancellationToken cancellationToken)
    {
        if (wanted.Items.Count == 0)
        {
            return;
        }

        var active = await db.Holds.AsNoTracking()
            .Where(h => h.ReleasedAt == null && h.Cases.Any(c => c.CaseId == target.Id))
            .Select(h => new ArchiveHold(h.Matter, h.Reason))
            .ToListAsync(cancellationToken);
        foreach (var hold in wanted.Items.Where(h => !active.Contains(h)))
        {
            db.ChangeTracker.Clear();
            var placed = await holds.CreateAsync(hold.Matter, hold.Reason, [target.Id], actor.Subject, actor.Organization, cancellationToken);

            // A hold is audited as POST /holds audits it, with the archiving records manager as its actor.
            var trail = new AuditTrail(clock, checkpointer);
            trail.Begin("hold.create", () => actor, client: null, requestId);
            trail.AddCase(target.Id, target.OrganizationId);
            trail.SetTarget(placed.Id);
            await db.AppendAuditAsync(trail, AuditOutcome.Succeeded, CancellationToken.None);
        }
    }

    /// <summary>Streams the file into storage through the same path as a single upload, with the same content check.</summary>
    private async Task<Record> StoreAsync(Case target, ArchiveRecord row, Stream file, AuditActor actor, long maxBytes, CancellationToken cancellationToken)
    {
        await using var pending = await StorePendingAsync(target, row, file, actor, maxBytes, cancellationToken);
        return await records.CommitAsync(pending, cancellationToken);
    }

    private async Task<PendingRecord> StorePendingAsync(Case target, ArchiveRecord row, Stream file, AuditActor actor, long maxBytes, CancellationToken cancellationToken)
    {
        var head = new byte[ContentTypes.SniffLength];
        var filled = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (!ContentTypes.Matches(row.ContentType, head.AsSpan(0, filled), isWholeFile: filled < head.Length))
        {
            throw new InvalidDataException($"the bytes of {row.File} (line {row.Line}) are not {row.ContentType}.");
        }

        var content = new RecordContent(row.ContentType, head.AsMemory(0, filled), file, maxBytes);
        return await records.StoreAsync(target, row.Record, content, actor.Subject, cancellationToken);
    }

    private static async Task<string> Sha256Async(ArchiveFiles files, string path, CancellationToken cancellationToken)
    {
        await using var file = files.Open(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>The run's receipt, written to the trail as one event before the caller gets it.</summary>
    private async Task<ArchiveReceipt> ReceiptAsync(
        ArchiveManifest manifest, AuditActor actor, ArchiveRun run, Counts counts, List<ArchivedCase> done, List<string> failures)
    {
        var receipt = new ArchiveReceipt(
            Guid.CreateVersion7().ToString(), actor.Organization, actor.Subject, clock.GetUtcNow().UtcDateTime,
            manifest.RecordCount, counts.Stored, counts.AlreadyIn, done, failures);
        await AuditAsync(receipt, actor, run.RequestId);
        return receipt;
    }

    /// <summary>One event for the whole run: every case it touched, and the receipt id with the row count as its target.</summary>
    private async Task AuditAsync(ArchiveReceipt receipt, AuditActor actor, string requestId)
    {
        db.ChangeTracker.Clear();
        var trail = new AuditTrail(clock, checkpointer); // its own event: a request that runs an import has its own
        trail.Begin(AuditAction, () => actor, client: null, requestId);
        foreach (var archived in receipt.Cases)
        {
            trail.AddCase(archived.CaseId, actor.Organization);
        }

        trail.SetTarget($"{receipt.Id};rows={receipt.Rows}");
        await db.AppendAuditAsync(trail, receipt.Failures.Count == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive: the case on manifest line {Line} was not finished ({Failure}); a later run finishes it")]
    private static partial void LogCaseFailed(ILogger logger, int line, string failure);

    private sealed class Counts(int rows, IProgress<ArchiveProgress>? progress)
    {
        private long bytes;

        public int Stored { get; private set; }

        public int AlreadyIn { get; private set; }

        public void Done(bool alreadyIn, long size)
        {
            if (alreadyIn)
            {
                AlreadyIn++;
            }
            else
            {
                Stored++;
            }

            bytes += size;
            progress?.Report(new ArchiveProgress(Stored + AlreadyIn, rows, bytes));
        }
    }
}

/// <summary>How a run behaves: the upload size limit, whether the first failed case stops it, and its request id for the audit.</summary>
public sealed record ArchiveRun(long MaxBytes, bool StopOnError, string RequestId);
