using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Disclosures;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Holds;
using RecordsVault.Core.Records;
using RecordsVault.Infrastructure.Audit;

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
    /// change is dropped first, so that it cannot ride along. Events waiting at the same time are committed together
    /// (see <see cref="AuditAppendQueue"/>); this returns once the request's own event has committed.
    /// </summary>
    public async Task AppendAuditAsync(AuditOutcome outcome, CancellationToken cancellationToken)
    {
        if (audit is not { IsOpen: true })
        {
            return;
        }

        ChangeTracker.Clear();
        await AppendAuditAsync(audit, outcome, cancellationToken);
    }

    /// <summary>
    /// Appends another scope's event on its own, through this context (which must track nothing): for a request whose
    /// own context may still be busy, such as one writing its response while a query of that context is open.
    /// </summary>
    public async Task AppendAuditAsync(Infrastructure.Audit.AuditTrail trail, AuditOutcome outcome, CancellationToken cancellationToken)
    {
        if (!trail.IsOpen)
        {
            return;
        }

        var queue = AuditAppendQueue.For(Database.GetConnectionString() ?? string.Empty);
        var pending = new AuditAppendQueue.Pending(trail, outcome);
        queue.Waiting.Enqueue(pending);
        await queue.Gate.WaitAsync(cancellationToken);
        try
        {
            // An earlier holder of the gate may have written this event already; otherwise write batches until it is.
            while (!pending.Done.Task.IsCompleted)
            {
                await WriteBatchAsync(queue.Take());
            }
        }
        finally
        {
            queue.Gate.Release();
        }

        await pending.Done.Task;
    }

    /// <summary>
    /// Writes a batch in one transaction. If that fails and the batch holds more than one event, each is tried alone,
    /// so one event that cannot be written does not fail the requests whose events could.
    /// </summary>
    private async Task WriteBatchAsync(List<AuditAppendQueue.Pending> batch)
    {
        try
        {
            await AppendUnderGateAsync(batch, CancellationToken.None);
            batch.ForEach(p => p.Done.TrySetResult());
            return;
        }
        catch (Exception ex) when (batch.Count == 1)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }
        catch (Exception)
        {
            // Tried one by one below.
        }

        foreach (var pending in batch)
        {
            try
            {
                await AppendUnderGateAsync([pending], CancellationToken.None);
                pending.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                pending.Done.TrySetException(ex);
            }
        }
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
        var gate = AuditAppendQueue.For(Database.GetConnectionString() ?? string.Empty).Gate;
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await AppendUnderGateAsync([new AuditAppendQueue.Pending(trail, outcome)], cancellationToken, acceptAllChangesOnSuccess);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Chains the events of <paramref name="batch"/> onto the head, in order, and commits them with whatever change is
    /// tracked, in one transaction; only then does each trail learn its sequence.
    /// </summary>
    private async Task<int> AppendUnderGateAsync(
        List<AuditAppendQueue.Pending> batch, CancellationToken cancellationToken, bool acceptAllChangesOnSuccess = true)
    {
        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var appended = new List<AuditEvent>(batch.Count);
        try
        {
            var head = AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
            await head.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), cancellationToken);
            var last = await head.AsNoTracking().SingleAsync(cancellationToken);
            var (sequence, hash) = (last.LastSequence, last.LastHash);
            foreach (var pending in batch)
            {
                var built = pending.Trail.Build(sequence + 1, hash, pending.Outcome);
                appended.Add(built);
                (sequence, hash) = (built.Sequence, built.Hash);
            }

            AuditEvents.AddRange(appended);
            AuditEventCases.AddRange(appended.SelectMany(AuditEventLinks.Cases));
            AuditEventOrganizations.AddRange(appended.SelectMany(AuditEventLinks.Organizations));
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await head.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, hash), cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Trail.Committed(appended[i].Sequence);
            }

            return written;
        }
        catch (Exception ex)
        {
            // The event and its index rows: nothing of a failed append may ride along with the next save.
            foreach (var entry in ChangeTracker.Entries().Where(e => e.Entity is AuditEvent or AuditEventCase or AuditEventOrganization).ToList())
            {
                entry.State = EntityState.Detached;
            }

            // A connection lost inside the transaction (PostgreSQL stopped) fails the next command with Npgsql's
            // "Transaction is already completed", which says nothing of the database: it is the database being away.
            if (ex is InvalidOperationException && Database.GetDbConnection().State != System.Data.ConnectionState.Open)
            {
                throw new DependencyUnavailableException("The database", ex);
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
