using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Holds;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Holds;

/// <summary>
/// Applies and releases litigation holds. Applying a hold fires ApplyHold on every case, which bumps
/// each case's version: a disposition approved concurrently on the same case then fails to commit.
/// </summary>
public sealed class HoldService(VaultDbContext db, LifecycleService lifecycle)
{
    /// <summary>Applies a hold to cases the caller has been authorized to hold.</summary>
    public async Task<LitigationHold> CreateAsync(
        string matter, string reason, IReadOnlyCollection<string> caseIds, string createdBy, string organization,
        CancellationToken cancellationToken)
    {
        var ids = caseIds.Distinct(StringComparer.Ordinal).ToList();
        var cases = await db.Cases.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            if (cases.Find(c => c.Id == id) is null)
            {
                throw new NotFoundException($"Case {id}");
            }
        }

        var hold = new LitigationHold
        {
            Id = Guid.CreateVersion7().ToString(),
            Matter = matter,
            Reason = reason,
            CreatedBy = createdBy,
            CreatedByOrganization = organization,
            CreatedAt = lifecycle.Now,
        };
        foreach (var held in cases)
        {
            await lifecycle.FireAsync(held, CaseTrigger.ApplyHold, cancellationToken);
            hold.Cases.Add(new HoldCase { HoldId = hold.Id, CaseId = held.Id });
        }

        db.Holds.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        return hold;
    }

    public async Task<LitigationHold> ReleaseAsync(LitigationHold hold, string releasedBy, string resolution, CancellationToken cancellationToken)
    {
        var tracked = await db.Holds.Include(h => h.Cases).FirstAsync(h => h.Id == hold.Id, cancellationToken);
        if (!tracked.IsActive)
        {
            throw new ConflictException("The hold has already been released.");
        }

        tracked.ReleasedAt = lifecycle.Now;
        tracked.ReleasedBy = releasedBy;
        tracked.Resolution = resolution;
        var caseIds = tracked.Cases.Select(c => c.CaseId).ToList();
        foreach (var held in await db.Cases.Where(c => caseIds.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            await lifecycle.FireAsync(held, CaseTrigger.ReleaseHold, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return tracked;
    }

    public Task<LitigationHold?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Holds.AsNoTracking().Include(h => h.Cases).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);

    /// <summary>
    /// One page of the holds the organization applied or that touch its cases (every hold when
    /// <paramref name="organization"/> is null), newest first, each with the ids of its cases the organization may see:
    /// three queries a page (count, holds with their cases, the visible ones), whatever the page holds.
    /// </summary>
    public async Task<(IReadOnlyList<VisibleHold> Items, int Total)> ListAsync(
        string? organization, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Holds.AsNoTracking();
        if (organization is not null)
        {
            query = query.Where(h => h.CreatedByOrganization == organization
                || h.Cases.Any(hc => db.Cases.Any(c => c.Id == hc.CaseId && c.OrganizationId == organization)));
        }

        var total = await query.CountAsync(cancellationToken);
        var holds = await query.OrderByDescending(h => h.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(h => h.Cases).AsSplitQuery().ToListAsync(cancellationToken);
        if (organization is null)
        {
            return ([.. holds.Select(h => new VisibleHold(h, [.. h.Cases.Select(c => c.CaseId)]))], total);
        }

        var ids = holds.Select(h => h.Id).ToList();
        var visible = (await (
                from hc in db.Holds.Where(h => ids.Contains(h.Id)).SelectMany(h => h.Cases)
                join c in db.Cases on hc.CaseId equals c.Id
                where c.OrganizationId == organization
                select new { hc.HoldId, hc.CaseId })
            .ToListAsync(cancellationToken))
            .ToLookup(v => v.HoldId, v => v.CaseId);
        return ([.. holds.Select(h => new VisibleHold(h, [.. h.Cases.Select(c => c.CaseId).Where(id => visible[h.Id].Contains(id))]))], total);
    }

    /// <summary>Ids of the active holds on a case.</summary>
    public async Task<IReadOnlyList<string>> ActiveHoldIdsAsync(string caseId, CancellationToken cancellationToken) =>
        await db.ActiveHoldCases.Where(hc => hc.CaseId == caseId).Select(hc => hc.HoldId).OrderBy(id => id).ToListAsync(cancellationToken);

    /// <summary>The case ids of a hold that belong to an organization (all of them when null).</summary>
    public async Task<IReadOnlyList<string>> VisibleCaseIdsAsync(LitigationHold hold, string? organization, CancellationToken cancellationToken)
    {
        var ids = hold.Cases.Select(c => c.CaseId).ToList();
        return organization is null
            ? ids
            : await db.Cases.Where(c => ids.Contains(c.Id) && c.OrganizationId == organization).Select(c => c.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>A hold with the ids of those of its cases the reader may see.</summary>
public sealed record VisibleHold(LitigationHold Hold, IReadOnlyList<string> CaseIds);
