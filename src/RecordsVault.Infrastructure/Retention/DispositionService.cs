using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Retention;

/// <summary>
/// Disposes of a case: first destroys its key (in the same transaction that marks it disposed and
/// writes the certificate), then deletes its blobs. Without the key no copy of a blob can be read, so
/// an interruption between the two steps leaves only unreadable ciphertext, which the sweep removes.
/// </summary>
public sealed partial class DispositionService(
    VaultDbContext db, LifecycleService lifecycle, IRecordContentStore store, CaseKeyCache caseKeyCache, ILogger<DispositionService> logger)
{
    public async Task<DispositionCertificate> ApproveAsync(Case target, string approvedBy, CancellationToken cancellationToken)
    {
        // The rules may have changed since the case was swept or the disposal requested: they decide now.
        await lifecycle.EnsureStillDueAsync(target, cancellationToken);
        var retention = lifecycle.Evaluate(target);
        var requestedBy = target.DispositionRequestedBy;
        var requestedAt = target.DispositionRequestedAt;
        await lifecycle.FireAsync(target, CaseTrigger.ApproveDisposition, cancellationToken);

        var key = await db.CaseKeys.FirstAsync(k => k.CaseId == target.Id, cancellationToken);
        key.WrappedKey = null;
        key.DestroyedAt = lifecycle.Now;
        var records = await db.Records.AsNoTracking().Where(r => r.CaseId == target.Id).OrderBy(r => r.Id)
            .Select(r => new DisposedRecord(r.Id, r.Kind, r.Size, r.Sha256, r.DevelopedAt, r.UploadedAt)).ToListAsync(cancellationToken);
        var certificate = new DispositionCertificate
        {
            CaseId = target.Id,
            OrganizationId = target.OrganizationId,
            RequestedBy = requestedBy!,
            RequestedAt = requestedAt!.Value,
            ApprovedBy = approvedBy,
            ApprovedAt = lifecycle.Now,
            RetainUntil = retention.RetainUntil!.Value,
            KeyDestroyedAt = key.DestroyedAt.Value,
            Records = records,
            Rules = retention.Rules.ToList(),
        };
        db.DispositionCertificates.Add(certificate);

        // The tombstone keeps no personal data: the date of birth goes in the transaction that destroys the key
        // (and with it the record titles), after the rules above were evaluated with it.
        target.ChildDateOfBirth = null;
        await db.SaveChangesAsync(cancellationToken);
        caseKeyCache.Forget(target.Id); // the key is gone from the database: no copy stays in memory either
        LogKeyDestroyed(logger, target.Id, records.Count);

        await DeleteBlobsAsync(certificate, cancellationToken);
        return certificate;
    }

    /// <summary>Finishes disposals whose blobs were not all deleted, e.g. after a crash; returns how many.</summary>
    /// <param name="organization">Only this organization's disposals; null for every organization.</param>
    public async Task<int> FinishInterruptedAsync(string? organization, CancellationToken cancellationToken)
    {
        var unfinished = await db.DispositionCertificates
            .Where(d => d.BlobsDeletedAt == null && (organization == null || d.OrganizationId == organization))
            .ToListAsync(cancellationToken);
        foreach (var certificate in unfinished)
        {
            await DeleteBlobsAsync(certificate, cancellationToken);
        }

        return unfinished.Count;
    }

    public Task<DispositionCertificate?> FindCertificateAsync(string caseId, CancellationToken cancellationToken) =>
        db.DispositionCertificates.AsNoTracking().FirstOrDefaultAsync(d => d.CaseId == caseId, cancellationToken);

    private async Task DeleteBlobsAsync(DispositionCertificate certificate, CancellationToken cancellationToken)
    {
        var blobNames = await db.Records.AsNoTracking().Where(r => r.CaseId == certificate.CaseId)
            .Select(r => r.BlobName).ToListAsync(cancellationToken);
        foreach (var blobName in blobNames)
        {
            await store.DeleteAsync(blobName, cancellationToken);
        }

        certificate.BlobsDeletedAt = lifecycle.Now;
        await db.SaveChangesAsync(cancellationToken);
        LogBlobsDeleted(logger, certificate.CaseId, blobNames.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Disposition of case {CaseId}: key destroyed, {RecordCount} records certified")]
    private static partial void LogKeyDestroyed(ILogger logger, string caseId, int recordCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disposition of case {CaseId}: {BlobCount} blobs deleted")]
    private static partial void LogBlobsDeleted(ILogger logger, string caseId, int blobCount);
}
