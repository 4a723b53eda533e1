using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Errors;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Handover;

/// <summary>
/// Grant-end handover inside the vault: the selected cases change organization, a batch per transaction and one
/// audit event per batch naming every case with both organizations. The source loses access as each batch commits,
/// since every access check reads the case's organization; holds, retention, records and their ownership are untouched.
/// </summary>
public sealed class HandoverTransfer(VaultDbContext db, AuditCheckpointer checkpointer, TimeProvider clock)
{
    public const string AuditAction = "handover.transfer";
    public const int BatchSize = 500;

    public async Task<TransferResult> TransferAsync(
        HandoverSelection selection, string to, AuditActor actor, string requestId, IProgress<(long Done, long Total)>? progress,
        CancellationToken cancellationToken)
    {
        if (to == selection.From)
        {
            throw new ValidationException("to", "The successor must be another organization.");
        }

        if (await selection.MissingAsync(db, cancellationToken) is { Count: > 0 } missing)
        {
            throw new ValidationException("caseIds", $"Not live cases of {selection.From}: {string.Join(", ", missing.Take(20))}.");
        }

        var query = selection.Query(db).AsNoTracking();
        var total = await query.LongCountAsync(cancellationToken);

        // Case numbers are unique within an organization: a clash refuses the whole handover before anything moves.
        var clashes = await query.Where(c => db.Cases.Any(o => o.OrganizationId == to && o.CaseNumber == c.CaseNumber))
            .OrderBy(c => c.CaseNumber).Select(c => c.CaseNumber).Take(20).ToListAsync(cancellationToken);
        if (clashes.Count > 0)
        {
            throw new ConflictException($"{to} already holds cases numbered {string.Join(", ", clashes)}; nothing was transferred.");
        }

        var moved = new List<string>();
        var batches = 0;
        while (true)
        {
            var batch = await query.OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var changed = await db.Cases.Where(c => batch.Contains(c.Id) && c.OrganizationId == selection.From)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrganizationId, to).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            batches++;
            moved.AddRange(batch);
            await AuditAsync(batch, selection.From, to, changed, actor, requestId);
            progress?.Report((moved.Count, Math.Max(total, moved.Count)));
        }

        return new TransferResult(selection.From, to, moved.Count, batches, moved);
    }

    private async Task AuditAsync(IReadOnlyList<string> batch, string from, string to, int changed, AuditActor actor, string requestId)
    {
        var trail = new AuditTrail(clock, checkpointer);
        trail.Begin(AuditAction, () => actor, client: null, requestId);
        foreach (var id in batch)
        {
            trail.AddCase(id, from);
            trail.AddCase(id, to);
        }

        trail.SetTarget($"{from}>{to};cases={changed}");
        await db.AppendAuditAsync(trail, AuditOutcome.Succeeded, CancellationToken.None);
    }
}

/// <summary>What a transfer moved: every case id, in the order of its batches.</summary>
public sealed record TransferResult(string From, string To, int Transferred, int Batches, IReadOnlyList<string> CaseIds);
