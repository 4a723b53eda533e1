using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Records;

namespace RecordsVault.Infrastructure.Disclosures;

/// <summary>
/// A provider's releases to third parties. A release that names any ORR-owned record waits for ORR's
/// approval (ORR guide 6.2.5); its packet is rendered only once it may be fetched.
/// </summary>
public sealed class ReleaseService(VaultDbContext db, RecordTitles titles, PacketStore packets, TimeProvider clock)
{
    public async Task<ReleaseRequest> CreateAsync(
        IReadOnlyCollection<string> recordIds, string recipient, string purpose, string organization, string requestedBy,
        CancellationToken cancellationToken)
    {
        var ids = recordIds.Distinct(StringComparer.Ordinal).ToList();
        var found = await db.Records.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && db.Cases.Any(c => c.Id == r.CaseId && c.OrganizationId == organization))
            .ToListAsync(cancellationToken);
        var missing = ids.Except(found.Select(r => r.Id)).FirstOrDefault();
        if (missing is not null)
        {
            throw new NotFoundException($"Record {missing}");
        }

        var release = new ReleaseRequest
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organization,
            RequestedBy = requestedBy,
            Recipient = recipient,
            Purpose = purpose,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Status = found.Any(r => r.Ownership == Ownership.OrrOwned) ? ReleaseStatus.PendingOrrApproval : ReleaseStatus.Available,
            Records = found.Select(r => new DisclosedRecord(r.Id, r.CaseId, r.Sha256)).ToList(),
        };
        if (release.Status == ReleaseStatus.Available)
        {
            release.Packet = await RenderAsync(release, cancellationToken);
        }

        db.Releases.Add(release);
        await SaveOrDiscardAsync(release, cancellationToken);
        return release;
    }

    public async Task<ReleaseRequest> ApproveAsync(string id, string approvedBy, CancellationToken cancellationToken)
    {
        var release = await db.Releases.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("The release");
        if (release.Status != ReleaseStatus.PendingOrrApproval)
        {
            throw new ConflictException("The release is not waiting for ORR's approval.");
        }

        release.Status = ReleaseStatus.Available;
        release.ApprovedBy = approvedBy;
        release.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        release.Packet = await RenderAsync(release, cancellationToken);
        await SaveOrDiscardAsync(release, cancellationToken);
        return release;
    }

    public Task<ReleaseRequest?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    private async Task<StoredPacket> RenderAsync(ReleaseRequest release, CancellationToken cancellationToken)
    {
        var recordIds = release.Records.Select(r => r.RecordId).ToList();
        var contents = await PacketContents.LoadAsync(db, titles, release.Records.Select(r => r.CaseId).Distinct().ToList(), recordIds, cancellationToken);
        if (contents.Records.Count != recordIds.Count)
        {
            throw new ConflictException("Some records of this release no longer exist.");
        }

        var approval = release.ApprovedBy is null ? string.Empty : $"; approved by ORR ({release.ApprovedBy})";
        var document = new PacketDocument
        {
            PacketId = release.Id,
            HeaderLabel = $"CONFIDENTIAL: release {release.Id}",
            Title = $"Release {release.Id}",
            Author = release.OrganizationId,
            Requester = $"{release.RequestedBy} ({release.OrganizationId})",
            Designee = release.Recipient,
            Purpose = release.Purpose + approval,
            RequestedAt = new DateTimeOffset(release.CreatedAt, TimeSpan.Zero),
            CaseNumbers = contents.Cases.Select(c => c.CaseNumber).ToList(),
            Records = contents.PacketRecords,
            CustodyLines = contents.CustodyLines,
        };
        return await packets.RenderAndStoreAsync(document, contents.ById, cancellationToken);
    }

    /// <summary>
    /// Commits the release. Its packet is discarded only when the commit certainly did not land (a concurrency
    /// conflict rolls back); after any other failure the row may exist, so the packet is left to the reconciler,
    /// which removes it once it is past its grace period and no row names it.
    /// </summary>
    private async Task SaveOrDiscardAsync(ReleaseRequest release, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (release.Packet is not null)
        {
            await packets.DiscardAsync(release.Packet);
            throw;
        }
    }
}
