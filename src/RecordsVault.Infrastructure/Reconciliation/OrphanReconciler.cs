using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Reconciliation;

/// <summary>
/// Removes blobs that no database row owns, and finishes record deletions that a crash interrupted. An orphan
/// is the blob of an upload or packet whose row never committed: a failed or cancelled commit, whose outcome
/// the request could not know, so it left the blob here rather than risk deleting the content of a row that did
/// commit. A blob is removed only when no record (deleting or not), disclosure or release row names it, when it
/// is older than the grace period, and when its name is one the vault gives. Audit checkpoints live in their own
/// container and are never listed.
/// </summary>
public sealed partial class OrphanReconciler(
    VaultDbContext db, IRecordContentStore store, RecordService records, IOptions<ReconcilerOptions> options, TimeProvider clock,
    ILogger<OrphanReconciler> logger)
{
    private const int BatchSize = 1000;

    public async Task<ReconcileResult> RunAsync(CancellationToken cancellationToken)
    {
        var finished = await FinishDeletionsAsync(cancellationToken);
        var counts = new Counts { Cutoff = clock.GetUtcNow() - options.Value.Grace };
        var batch = new List<StoredBlob>(BatchSize);
        await foreach (var blob in store.ListAsync(cancellationToken))
        {
            batch.Add(blob);
            if (batch.Count == BatchSize)
            {
                await ReconcileAsync(batch, counts, cancellationToken);
                batch.Clear();
            }
        }

        await ReconcileAsync(batch, counts, cancellationToken);
        var result = new ReconcileResult(finished, counts.Examined, counts.Owned, counts.WithinGrace, counts.NotNamedByVault, counts.Deleted);
        LogDone(logger, result.DeletionsFinished, result.BlobsExamined, result.Owned, result.WithinGrace, result.NotNamedByVault, result.OrphansDeleted);
        return result;
    }

    private async Task<int> FinishDeletionsAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.Records.IgnoreQueryFilters().Where(r => r.DeletingAt != null)
            .Select(r => new { r.Id, r.BlobName }).ToListAsync(cancellationToken);
        foreach (var row in unfinished)
        {
            await records.FinishDeleteAsync(row.Id, row.BlobName, cancellationToken);
            LogDeletionFinished(logger, row.Id);
        }

        return unfinished.Count;
    }

    private async Task ReconcileAsync(List<StoredBlob> batch, Counts counts, CancellationToken cancellationToken)
    {
        counts.Examined += batch.Count;
        var ours = batch.Where(b => b.NamedByVault).ToList();
        counts.NotNamedByVault += batch.Count - ours.Count;
        var owned = await OwnedAsync(ours.Select(b => b.Name).ToList(), cancellationToken);
        var unowned = ours.Where(b => !owned.Contains(b.Name)).ToList();
        var orphans = unowned.Where(b => b.LastModified < counts.Cutoff).ToList();
        counts.Owned += ours.Count - unowned.Count;
        counts.WithinGrace += unowned.Count - orphans.Count;
        foreach (var orphan in orphans)
        {
            await store.DeleteAsync(orphan.Name, cancellationToken);
            counts.Deleted++;
            LogOrphanDeleted(logger, orphan.Name, orphan.LastModified);
        }
    }

    /// <summary>Which of these blob names a row owns: a record (deleting rows included), a disclosure or a release packet.</summary>
    private async Task<HashSet<string>> OwnedAsync(List<string> names, CancellationToken cancellationToken)
    {
        var owned = new HashSet<string>(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return owned;
        }

        owned.UnionWith(await db.Records.IgnoreQueryFilters().Where(r => names.Contains(r.BlobName)).Select(r => r.BlobName).ToListAsync(cancellationToken));
        owned.UnionWith(await db.Disclosures.Where(d => d.Packet != null && names.Contains(d.Packet.BlobName)).Select(d => d.Packet!.BlobName).ToListAsync(cancellationToken));
        owned.UnionWith(await db.Releases.Where(r => r.Packet != null && names.Contains(r.Packet.BlobName)).Select(r => r.Packet!.BlobName).ToListAsync(cancellationToken));
        return owned;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler: finished the interrupted deletion of record {RecordId}")]
    private static partial void LogDeletionFinished(ILogger logger, string recordId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler: deleted orphan blob {BlobName}, last written {LastModified}")]
    private static partial void LogOrphanDeleted(ILogger logger, string blobName, DateTimeOffset lastModified);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler done: {Finished} deletions finished, {Examined} blobs examined, {Owned} owned, {WithinGrace} within the grace period, {NotNamedByVault} not named by the vault, {Deleted} orphans deleted")]
    private static partial void LogDone(ILogger logger, int finished, int examined, int owned, int withinGrace, int notNamedByVault, int deleted);

    private sealed class Counts
    {
        public DateTimeOffset Cutoff { get; init; }
        public int Examined { get; set; }
        public int Owned { get; set; }
        public int WithinGrace { get; set; }
        public int NotNamedByVault { get; set; }
        public int Deleted { get; set; }
    }
}
