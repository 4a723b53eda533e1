using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Cases;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Handover;

/// <summary>
/// The cases a handover moves: one organization's cases that are not disposed, all of them or those matching the
/// filter, narrowed to <see cref="CaseIds"/> when given.
/// </summary>
public sealed record HandoverSelection(string From, CaseFilter Filter, IReadOnlyList<string>? CaseIds = null)
{
    public IQueryable<Case> Query(VaultDbContext db)
    {
        var query = db.Cases.Where(c => c.OrganizationId == From && c.Lifecycle != CaseLifecycle.Disposed);
        if (CaseIds is { } ids)
        {
            query = query.Where(c => ids.Contains(c.Id));
        }

        return Filter.Apply(query, db);
    }

    /// <summary>Named case ids that are not the source organization's live cases: the caller learns which, and nothing moves.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(VaultDbContext db, CancellationToken cancellationToken)
    {
        if (CaseIds is not { } ids)
        {
            return [];
        }

        var found = await db.Cases.Where(c => ids.Contains(c.Id) && c.OrganizationId == From && c.Lifecycle != CaseLifecycle.Disposed)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        return [.. ids.Except(found, StringComparer.Ordinal)];
    }
}
