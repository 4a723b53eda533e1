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
    /// <summary>Far longer than any packet takes to render; only a claim left by a crashed approval gets this old.</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(15);

    /// <summary>Releases records the caller has been authorized to release; they must all belong to one organization.</summary>
    public async Task<ReleaseRequest> CreateAsync(
        IReadOnlyList<Record> found, string recipient, string purpose, string requestedBy, CancellationToken cancellationToken)
    {
        var caseIds = found.Select(r => r.CaseId).Distinct().ToList();
        var organizations = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => c.OrganizationId).Distinct().ToListAsync(cancellationToken);
        if (organizations is not [var organization])
        {
            throw new ValidationException("recordIds", "A release covers the records of one organization.");
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

    /// <summary>
    /// Approves a release waiting for ORR. The approval is claimed with a conditional update before anything is
    /// rendered: of two approvals racing, the one whose update changed no row answers 409 and renders nothing.
    /// </summary>
    public async Task<ReleaseRequest> ApproveAsync(string id, string approvedBy, CancellationToken cancellationToken)
    {
        var release = await db.Releases.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("The release");
        if (release.Status != ReleaseStatus.PendingOrrApproval)
        {
            throw new ConflictException("The release is not waiting for ORR's approval.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!await ClaimAsync(id, approvedBy, now, cancellationToken))
        {
            throw new ConflictException("Another approval of this release is under way or done.");
        }

        release.Status = ReleaseStatus.Available;
        release.ApprovedBy = approvedBy;
        release.ApprovedAt = now;
        try
        {
            release.Packet = await RenderAsync(release, cancellationToken);
            await SaveOrDiscardAsync(release, cancellationToken);
        }
        catch
        {
            await UnclaimAsync(id, approvedBy);
            throw;
        }

        return release;
    }

    public Task<ReleaseRequest?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>
    /// The newest releases of one organization (null: every organization), optionally in one status, for the console's
    /// list, after skipping <paramref name="skip"/>; the release handler still decides which of them the caller may see.
    /// </summary>
    public async Task<IReadOnlyList<ReleaseRequest>> NewestAsync(
        string? organization, ReleaseStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Releases.AsNoTracking();
        if (organization is not null)
        {
            query = query.Where(r => r.OrganizationId == organization);
        }

        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        return await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

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
    /// Marks the release as being approved (ApprovedBy and ApprovedAt set while it is still pending), if no one
    /// else has. A claim older than <see cref="ClaimLease"/> is one whose approver stopped mid-render (a crash):
    /// it may be taken over, so a release never stays unapprovable.
    /// </summary>
    private async Task<bool> ClaimAsync(string id, string approvedBy, DateTime now, CancellationToken cancellationToken)
    {
        var stale = now - ClaimLease;
        return await db.Releases
            .Where(r => r.Id == id && r.Status == ReleaseStatus.PendingOrrApproval && (r.ApprovedAt == null || r.ApprovedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ApprovedBy, approvedBy).SetProperty(r => r.ApprovedAt, now), cancellationToken) == 1;
    }

    /// <summary>Gives a failed approval's claim back, so that another approval can be tried at once.</summary>
    private async Task UnclaimAsync(string id, string approvedBy) =>
        await db.Releases
            .Where(r => r.Id == id && r.Status == ReleaseStatus.PendingOrrApproval && r.ApprovedBy == approvedBy)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ApprovedBy, (string?)null).SetProperty(r => r.ApprovedAt, (DateTime?)null), CancellationToken.None);

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
