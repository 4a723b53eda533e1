using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Records;

/// <summary>Stores record content encrypted under its case key and keeps the metadata beside it.</summary>
public sealed partial class RecordService(
    VaultDbContext db, CaseService cases, LifecycleService lifecycle, RecordTitles titles, IRecordContentStore store,
    TimeProvider clock, ILogger<RecordService> logger)
{
    /// <summary>Attempts in all when other changes to the case keep committing first.</summary>
    private const int CommitAttempts = 5;

    /// <summary>
    /// Encrypts and uploads one file. Nothing is committed yet: the caller commits with <see cref="CommitAsync"/>
    /// and disposes of the result, which removes the blob unless its row may exist.
    /// </summary>
    public async Task<PendingRecord> StoreAsync(
        Case owner, NewRecord metadata, RecordContent content, string uploadedBy, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString();
        var sealedTitle = await titles.SealAsync(owner.Id, id, metadata.Title, cancellationToken);
        using var caseKey = await cases.OpenKeyAsync(owner.Id, cancellationToken);
        await using var digesting = new DigestingStream(content.Rest, content.MaxBytes, content.Head);
        var blobName = await store.UploadAsync(caseKey, digesting, cancellationToken);
        var record = new Record
        {
            Id = id,
            CaseId = owner.Id,
            BlobName = blobName,
            Title = metadata.Title,
            SealedTitle = sealedTitle,
            Kind = metadata.Kind,
            ContentType = content.ContentType,
            Size = digesting.BytesRead,
            Sha256 = digesting.Sha256Hex,
            DevelopedAt = metadata.DevelopedAt,
            Ownership = OwnershipRule.For(metadata.DevelopedAt, owner.ReleaseDate),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = uploadedBy,
        };
        return new PendingRecord(record, store, logger);
    }

    /// <summary>
    /// Commits the row, only while the case is Open: the lifecycle machine checks AddRecord, and the case's
    /// concurrency token is checked in the same transaction, so a close (or any change) that commits after the
    /// case was read makes this save fail rather than land beside it. After such a conflict the case is read
    /// again: still open (a hold was applied, say), the commit is retried; closed, the machine answers 409.
    /// </summary>
    public async Task<Record> CommitAsync(PendingRecord pending, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var owner = await lifecycle.LoadAsync(pending.Record.CaseId, cancellationToken);
            await lifecycle.RequireAsync(owner, CaseTrigger.AddRecord, cancellationToken);
            db.Records.Add(pending.Record);
            pending.Outcome = CommitOutcome.Unknown;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                pending.Outcome = CommitOutcome.Committed;
                return pending.Record;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The version check failed inside the transaction, which rolled back: nothing landed.
                pending.Outcome = CommitOutcome.NotCommitted;
                if (attempt == CommitAttempts)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// Deletes a record so that no readable blob is ever left behind a deleted row. First the row is marked
    /// deleting, committing with the case's lifecycle change (already fired) and the audit event: from then on
    /// every read skips it. Then the blob goes, then the row. If either fails, or the process dies, the deletion
    /// has still happened for every reader, and the reconciler finishes it.
    /// </summary>
    public async Task DeleteAsync(Record record, CancellationToken cancellationToken)
    {
        var row = await db.Records.FirstAsync(r => r.Id == record.Id, cancellationToken);
        row.DeletingAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await FinishDeleteAsync(row.Id, row.BlobName, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDeleteLeftToReconciler(logger, row.CaseId, row.Id, ex.GetType().Name);
        }
    }

    /// <summary>Removes the blob of a row marked deleting, then the row. Safe to repeat, and to race.</summary>
    public async Task FinishDeleteAsync(string recordId, string blobName, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(blobName, cancellationToken);
        await db.Records.IgnoreQueryFilters().Where(r => r.Id == recordId && r.DeletingAt != null).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The record, its title still sealed: opening the case key belongs after the caller is authorized, so
    /// another organization's id costs no key operation and answers as fast as a missing one.
    /// </summary>
    public Task<Record?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Reveals the titles of records found with <see cref="FindAsync"/> (null after disposal).</summary>
    public Task RevealTitlesAsync(IEnumerable<Record> records, CancellationToken cancellationToken) =>
        titles.RevealAsync(records, cancellationToken);

    /// <summary>The case's records with their titles revealed (null after disposal).</summary>
    public async Task<IReadOnlyList<Record>> ListAsync(string caseId, CancellationToken cancellationToken)
    {
        var list = await db.Records.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        await titles.RevealAsync(list, cancellationToken);
        return list;
    }

    /// <summary>A decrypting stream that fails at its end unless the plaintext matches the recorded SHA-256.</summary>
    public async Task<DigestingStream> OpenContentAsync(Record record, CancellationToken cancellationToken)
    {
        using var caseKey = await cases.OpenKeyAsync(record.CaseId, cancellationToken);
        var decrypted = await store.OpenReadAsync(caseKey, record.BlobName, cancellationToken);
        return new DigestingStream(decrypted, expectedSha256: record.Sha256);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record {RecordId} of case {CaseId} is deleted for every reader, but its blob or row could not be removed yet ({Failure}); the reconciler will finish")]
    private static partial void LogDeleteLeftToReconciler(ILogger logger, string caseId, string recordId, string failure);
}
