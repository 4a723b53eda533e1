using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Cases;

/// <summary>Opens and finds cases. Callers have already authorized; this class does not look at identities.</summary>
public sealed class CaseService(VaultDbContext db, CaseKeys caseKeys, TimeProvider clock)
{
    public async Task<Case> CreateAsync(NewCase request, string organizationId, string createdBy, CancellationToken cancellationToken)
    {
        if (await db.Cases.AnyAsync(c => c.OrganizationId == organizationId && c.CaseNumber == request.CaseNumber, cancellationToken))
        {
            throw new ValidationException("caseNumber", "This organization already has a case with this number.");
        }

        var created = new Case
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            CaseNumber = request.CaseNumber,
            State = request.State,
            ReleaseDate = request.ReleaseDate,
            ChildDateOfBirth = request.ChildDateOfBirth,
            PrsType = request.PrsType,
            PrsLevel = request.PrsLevel,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.Cases.Add(created);
        db.CaseKeys.Add(await caseKeys.CreateAsync(created.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    public Task<Case?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>The cases with these ids, in the same order; a missing one is reported as "<paramref name="label"/> id" not found.</summary>
    public async Task<IReadOnlyList<Case>> FindManyAsync(IReadOnlyList<string> ids, string label, CancellationToken cancellationToken)
    {
        var found = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return ids.Select(id => found.GetValueOrDefault(id) ?? throw new NotFoundException($"{label} {id}")).ToList();
    }

    /// <summary>Which of these case ids belong to the organization.</summary>
    public async Task<IReadOnlySet<string>> OwnedByAsync(IReadOnlyList<string> ids, string organizationId, CancellationToken cancellationToken) =>
        (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id) && c.OrganizationId == organizationId).Select(c => c.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A page of cases, newest first (ids are version-7 GUIDs, so their order is their creation order);
    /// <paramref name="organizationId"/> null means every organization. With <paramref name="before"/>, the page of
    /// the ids below it (keyset: an index range, whatever the depth); without it, the <paramref name="page"/>th page.
    /// One case more than a page is read to learn whether another page follows: nothing is counted.
    /// </summary>
    public async Task<CasePage> ListAsync(
        string? organizationId, CaseFilter filter, string? before, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking();
        if (organizationId is not null)
        {
            query = query.Where(c => c.OrganizationId == organizationId);
        }

        query = filter.Apply(query, db);
        if (before is not null)
        {
            query = query.Where(c => c.Id.CompareTo(before) < 0);
        }

        var ordered = query.OrderByDescending(c => c.Id);
        var items = await (before is null ? ordered.Skip((page - 1) * pageSize) : ordered).Take(pageSize + 1).ToListAsync(cancellationToken);
        return items.Count > pageSize ? new CasePage(items[..pageSize], items[pageSize - 1].Id) : new CasePage(items, null);
    }

    public async Task<CaseKeyEncryptionKey> OpenKeyAsync(string caseId, CancellationToken cancellationToken)
    {
        var key = await db.CaseKeys.AsNoTracking().FirstOrDefaultAsync(k => k.CaseId == caseId, cancellationToken)
            ?? throw new NotFoundException("The case key");
        return await caseKeys.OpenAsync(key, cancellationToken);
    }
}
