using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Cases;

/// <summary>
/// What a case listing selects within the caller's reach: a lifecycle, case numbers starting with
/// <see cref="CaseNumber"/>, held or not held (an active hold), retention ending before <see cref="RetainUntilBefore"/>,
/// and a state (two letters).
/// </summary>
public sealed record CaseFilter(
    CaseLifecycle? Lifecycle = null, string? CaseNumber = null, bool? Held = null, DateOnly? RetainUntilBefore = null, string? State = null)
{
    /// <summary>The cases of <paramref name="query"/> that match every criterion given.</summary>
    public IQueryable<Case> Apply(IQueryable<Case> query, VaultDbContext db)
    {
        if (Lifecycle is { } lifecycle)
        {
            query = query.Where(c => c.Lifecycle == lifecycle);
        }

        if (State is { } state)
        {
            query = query.Where(c => c.State == state);
        }

        if (CaseNumber is { } number)
        {
            query = query.Where(c => c.CaseNumber.StartsWith(number));
        }

        if (Held is { } held)
        {
            query = query.Where(c => db.ActiveHoldCases.Any(h => h.CaseId == c.Id) == held);
        }

        if (RetainUntilBefore is { } due)
        {
            query = query.Where(c => c.RetainUntil != null && c.RetainUntil < due);
        }

        return query;
    }
}

/// <summary>A page of cases, newest first, and the cursor of the next page (the last id here), if one follows.</summary>
public sealed record CasePage(IReadOnlyList<Case> Items, string? Next);
