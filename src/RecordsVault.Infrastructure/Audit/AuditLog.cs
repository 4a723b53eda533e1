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

        // Ordered by the key of the index that drives the query (a link row's sequence, or the event's own), so that
        // the database reads that index backwards and stops after a page, instead of sorting every match.
        IQueryable<Keyed> query;
        if (search.CaseId is { } caseId)
        {
            query = from link in db.AuditEventCases
                    where link.CaseId == caseId && link.Sequence < before
                    join e in db.AuditEvents on link.Sequence equals e.Sequence
                    select new Keyed { Key = link.Sequence, Event = e };
            if (search.Organization is { } organization)
            {
                query = query.Where(k => db.AuditEventOrganizations.Any(o => o.Organization == organization && o.Sequence == k.Key));
            }
        }
        else if (search.Organization is { } organization)
        {
            query = from link in db.AuditEventOrganizations
                    where link.Organization == organization && link.Sequence < before
                    join e in db.AuditEvents on link.Sequence equals e.Sequence
                    select new Keyed { Key = link.Sequence, Event = e };
        }
        else
        {
            query = db.AuditEvents.Where(e => e.Sequence < before).Select(e => new Keyed { Key = e.Sequence, Event = e });
        }

        if (search.Actor is { } actor)
        {
            query = query.Where(k => k.Event.ActorSub == actor);
        }

        if (search.Action is { } action)
        {
            query = query.Where(k => k.Event.Action == action);
        }

        if (search.From is { } from)
        {
            query = query.Where(k => k.Event.OccurredAt >= from);
        }

        if (search.To is { } to)
        {
            query = query.Where(k => k.Event.OccurredAt < to);
        }

        // One more than a page: whether there is a next page, without counting.
        var items = await query.AsNoTracking().OrderByDescending(k => k.Key).Take(search.PageSize + 1).Select(k => k.Event)
            .ToListAsync(cancellationToken);
        return items.Count > search.PageSize
            ? new AuditPage(items[..search.PageSize], items[search.PageSize - 1].Sequence)
            : new AuditPage(items, null);
    }

    /// <summary>An event with the sequence number of the index row that found it.</summary>
    private sealed class Keyed
    {
        public long Key { get; init; }

        public required AuditEvent Event { get; init; }
    }
}
