using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Holds;
using RecordsVault.Core.Records;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>Appending audit events: with a change in its transaction, or alone.</summary>
public abstract partial class VaultDbContext
{
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        audit is { IsOpen: true } && ChangeTracker.HasChanges()
            ? await SaveWithAuditAsync(AuditOutcome.Succeeded, acceptAllChangesOnSuccess, cancellationToken)
            : await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>
    /// Saves a change that the request still answers with a refusal (a disposal postponed by a rule, then 409):
    /// the change commits with an event that carries <paramref name="outcome"/>, not <c>Succeeded</c>.
    /// </summary>
    public async Task<int> SaveChangesAsync(AuditOutcome outcome, CancellationToken cancellationToken) =>
        audit is { IsOpen: true } && ChangeTracker.HasChanges()
            ? await SaveWithAuditAsync(outcome, true, cancellationToken)
            : await base.SaveChangesAsync(true, cancellationToken);

    /// <summary>
    /// Appends the request's event on its own: reads, refusals and failures. Anything left tracked by a failed
    /// change is dropped first, so that it cannot ride along.
    /// </summary>
    public async Task AppendAuditAsync(AuditOutcome outcome, CancellationToken cancellationToken)
    {
        if (audit is not { IsOpen: true })
        {
            return;
        }

        ChangeTracker.Clear();
        await SaveWithAuditAsync(outcome, true, cancellationToken);
    }

    /// <summary>
    /// One transaction: lock the chain head (an UPDATE, so SQLite takes its write lock before anything is
    /// read, and PostgreSQL locks the row until commit: appenders on any number of instances queue here),
    /// read it, write the change and the event, move the head, commit.
    /// </summary>
    private async Task<int> SaveWithAuditAsync(AuditOutcome outcome, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var trail = audit!;
        CollectTargets(trail);

        // Appends are serial anyway (the head lock). Queueing them here, in memory, spares SQLite's busy
        // retries, which sleep, and PostgreSQL's lock waits, which hold a connection each.
        var gate = AppendGates.GetOrAdd(Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await AppendUnderGateAsync(trail, outcome, acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> AppendGates = new(StringComparer.Ordinal);

    private async Task<int> AppendUnderGateAsync(Infrastructure.Audit.AuditTrail trail, AuditOutcome outcome, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        AuditEvent? appended = null;
        try
        {
            var head = AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
            await head.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), cancellationToken);
            var last = await head.AsNoTracking().SingleAsync(cancellationToken);
            appended = trail.Build(last.LastSequence + 1, last.LastHash, outcome);
            AuditEvents.Add(appended);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var (sequence, hash) = (appended.Sequence, appended.Hash);
            await head.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, hash), cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            trail.Committed(appended.Sequence);
            return written;
        }
        catch
        {
            if (appended is not null)
            {
                Entry(appended).State = EntityState.Detached;
            }

            throw;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>The change set names the targets the endpoint may not know yet, such as a new case's or record's id.</summary>
    private void CollectTargets(Infrastructure.Audit.AuditTrail trail)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Case c:
                    trail.AddCase(c.Id, c.OrganizationId);
                    break;
                case Record r:
                    trail.AddCase(r.CaseId, null);
                    trail.SetRecord(r.Id);
                    break;
                case LitigationHold h:
                    trail.SetTarget(h.Id);
                    break;
                case HoldCase hc:
                    trail.AddCase(hc.CaseId, null);
                    break;
                case DisclosureRequest d:
                    trail.SetTarget(d.Id);
                    d.CaseIds.ForEach(id => trail.AddCase(id, null));
                    break;
                case ReleaseRequest rr:
                    trail.SetTarget(rr.Id);
                    rr.Records.ForEach(x => trail.AddCase(x.CaseId, rr.OrganizationId));
                    break;
            }
        }
    }
}
