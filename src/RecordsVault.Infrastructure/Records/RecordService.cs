using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;

namespace RecordsVault.Infrastructure.Records;

/// <summary>Stores record content encrypted under its case key and keeps the metadata beside it.</summary>
public sealed class RecordService(VaultDbContext db, CaseService cases, IRecordContentStore store, TimeProvider clock)
{
    /// <summary>
    /// Encrypts and uploads one file. <paramref name="head"/> holds the bytes already read to check the type;
    /// the rest is streamed from <paramref name="rest"/>.
    /// </summary>
    public async Task<StoredContent> StoreContentAsync(
        string caseId, string contentType, ReadOnlyMemory<byte> head, Stream rest, long maxBytes, CancellationToken cancellationToken)
    {
        using var caseKey = await cases.OpenKeyAsync(caseId, cancellationToken);
        await using var digesting = new DigestingStream(rest, maxBytes, head);
        var blobName = await store.UploadAsync(caseKey, digesting, cancellationToken);
        return new StoredContent(blobName, contentType, digesting.BytesRead, digesting.Sha256Hex);
    }

    /// <summary>Records the metadata of stored content; if that fails the blob is removed, so nothing is orphaned.</summary>
    public async Task<Record> AddAsync(
        Case owner, NewRecord metadata, StoredContent content, string uploadedBy, CancellationToken cancellationToken)
    {
        var record = new Record
        {
            Id = Guid.CreateVersion7().ToString(),
            CaseId = owner.Id,
            BlobName = content.BlobName,
            Title = metadata.Title,
            Kind = metadata.Kind,
            ContentType = content.ContentType,
            Size = content.Size,
            Sha256 = content.Sha256,
            DevelopedAt = metadata.DevelopedAt,
            Ownership = OwnershipRule.For(metadata.DevelopedAt, owner.ReleaseDate),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = uploadedBy,
        };
        db.Records.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await DiscardAsync(content.BlobName);
            throw;
        }

        return record;
    }

    /// <summary>Removes a record; the case's lifecycle change (already fired) commits with it, then the blob goes.</summary>
    public async Task DeleteAsync(Record record, CancellationToken cancellationToken)
    {
        db.Records.Remove(await db.Records.FirstAsync(r => r.Id == record.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await DiscardAsync(record.BlobName);
    }

    public Task DiscardAsync(string blobName) => store.DeleteAsync(blobName, CancellationToken.None);

    public Task<Record?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Record>> ListAsync(string caseId, CancellationToken cancellationToken) =>
        await db.Records.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>A decrypting stream that fails at its end unless the plaintext matches the recorded SHA-256.</summary>
    public async Task<DigestingStream> OpenContentAsync(Record record, CancellationToken cancellationToken)
    {
        using var caseKey = await cases.OpenKeyAsync(record.CaseId, cancellationToken);
        var decrypted = await store.OpenReadAsync(caseKey, record.BlobName, cancellationToken);
        return new DigestingStream(decrypted, expectedSha256: record.Sha256);
    }
}
