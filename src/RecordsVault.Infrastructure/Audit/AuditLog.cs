using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// A search of the audit trail: <see cref="Organization"/> null means every organization; <see cref="Before"/> is the
/// cursor, a sequence number: only older events are returned.
/// </summary>
public sealed record AuditSearch(
    string? Organization, string? CaseId, string? Actor, string? Action, DateTime? From, DateTime? To, long? Before, int PageSize);

/// <summary>One page of events, newest first, and the cursor of the next (older) page, null at the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long? Next);

/// <summary>
/// Reads the audit trail for <c>GET /audit</c>, newest first, page by page by sequence number (keyset): a page costs
/// the same at the start of the trail as ten million events in. A case or organization filter reads that case's or
/// organization's index rows (<see cref="AuditEventCase"/>, <see cref="AuditEventOrganization"/>), never event text;
/// no page counts the whole result.
/// </summary>
public sealed class AuditLog(VaultDbContext db)
{
    public async Task<AuditPage> SearchAsync(AuditSearch search, CancellationToken cancellationToken)
    {
        var before = search.Before ?? long.MaxValue;
        IQueryable<AuditEvent> query;
        if (search.CaseId is { } caseId)
        {
            query = from link in db.AuditEventCases
                    where link.CaseId == caseId && link.Sequence < before
                    join e in db.AuditEvents on link.Sequence equals e.Sequence
                    select e;
            if (search.Organization is { } organization)
            {
                query = query.Where(e => db.AuditEventOrganizations.Any(o => o.Organization == organization && o.Sequence == e.Sequence));
            }
        }
        else if (search.Organization is { } organization)
        {
            query = from link in db.AuditEventOrganizations
                    where link.Organization == organization && link.Sequence < before
                    join e in db.AuditEvents on link.Sequence equals e.Sequence
                    select e;
        }
        else
        {
            query = db.AuditEvents.Where(e => e.Sequence < before);
        }

        if (search.Actor is { } actor)
        {
            query = query.Where(e => e.ActorSub == actor);
        }

        if (search.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (search.From is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (search.To is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        // One more than a page: whether there is a next page, without counting.
        var items = await query.AsNoTracking().OrderByDescending(e => e.Sequence).Take(search.PageSize + 1).ToListAsync(cancellationToken);
        return items.Count > search.PageSize
            ? new AuditPage(items[..search.PageSize], items[search.PageSize - 1].Sequence)
            : new AuditPage(items, null);
    }
}
