using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>A search of the audit trail. <see cref="Organization"/> null means every organization.</summary>
public sealed record AuditSearch(
    string? Organization, string? CaseId, string? Actor, string? Action, DateTime? From, DateTime? To, int Page, int PageSize);

/// <summary>Reads the audit trail for <c>GET /audit</c>, newest first.</summary>
public sealed class AuditLog(VaultDbContext db)
{
    public async Task<(IReadOnlyList<AuditEvent> Items, int Total)> SearchAsync(AuditSearch search, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (search.Organization is { } organization)
        {
            // Organizations is ",a,b,": matching ",org," never matches part of another name.
            var needle = $",{organization},";
            query = query.Where(e => e.Organizations.Contains(needle));
        }

        if (search.CaseId is { } caseId)
        {
            var needle = $",{caseId},";
            query = query.Where(e => ("," + e.CaseIds + ",").Contains(needle));
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

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Sequence)
            .Skip((search.Page - 1) * search.PageSize).Take(search.PageSize).ToListAsync(cancellationToken);
        return (items, total);
    }
}
