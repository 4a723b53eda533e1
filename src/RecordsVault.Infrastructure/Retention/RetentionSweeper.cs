using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Retention;

/// <summary>What one sweep did, within its organization's reach.</summary>
public sealed record SweepResult(int Examined, int MadeEligible, int Postponed, int Held, int FinishedDisposals);

/// <summary>
/// Moves retained cases whose retainUntil has passed to EligibleForDisposition, in keyset-paged batches
/// so memory stays bounded however many cases there are. Each case is first re-evaluated against the
/// rules in force: one that a rule added or lengthened since it closed now keeps is postponed (its stored
/// retainUntil moves later, it stays Retained). Idempotent: a second run finds nothing to do.
/// </summary>
public sealed partial class RetentionSweeper(
    VaultDbContext db, DispositionService dispositions, RetentionPolicy policy, SweepGate gate, TimeProvider clock,
    IOptions<RetentionOptions> options, ILogger<RetentionSweeper> logger)
{
    /// <param name="organization">Only this organization's cases and interrupted disposals; null for every organization.</param>
    public async Task<SweepResult> SweepAsync(string? organization, CancellationToken cancellationToken)
    {
        using var sweeping = await gate.EnterAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var batchSize = options.Value.SweepBatchSize;
        var activeHolds = db.ActiveHoldCases;
        var retained = db.Cases.AsNoTracking().Where(c => c.Lifecycle == CaseLifecycle.Retained && c.RetainUntil < today);
        if (organization is not null)
        {
            retained = retained.Where(c => c.OrganizationId == organization);
        }

        int examined = 0, eligible = 0, postponed = 0, held = 0;
        var after = string.Empty;
        while (true)
        {
            var batch = await retained.Where(c => c.Id.CompareTo(after) > 0).OrderBy(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].Id;
            postponed += await PostponeAsync(batch, today, cancellationToken);
            var ids = batch.Select(c => c.Id).ToList();
            var heldIds = (await activeHolds.Where(hc => ids.Contains(hc.CaseId)).Select(hc => hc.CaseId).ToListAsync(cancellationToken)).ToHashSet();
            var due = batch.Where(c => new CaseLifecycleMachine(c, heldIds.Contains(c.Id), today).CanFire(CaseTrigger.Sweep))
                .Select(c => c.Id).ToList();

            // The conditions are repeated in the update, so a hold, reopen or re-close that commits meanwhile
            // wins, and a case changes once however many sweeps run (the count is of rows actually changed).
            eligible += await db.Cases
                .Where(c => due.Contains(c.Id) && c.Lifecycle == CaseLifecycle.Retained && c.RetainUntil < today && !activeHolds.Any(hc => hc.CaseId == c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Lifecycle, CaseLifecycle.EligibleForDisposition).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            examined += batch.Count;
            held += heldIds.Count;
            if (examined % (batchSize * 50) == 0)
            {
                LogProgress(logger, examined, eligible);
            }
        }

        var finished = await dispositions.FinishInterruptedAsync(organization, cancellationToken);
        LogDone(logger, organization ?? "all", examined, eligible, postponed, held, finished);
        return new SweepResult(examined, eligible, postponed, held, finished);
    }

    /// <summary>
    /// Stores the later retainUntil of every case in the batch that the rules in force now keep past today,
    /// and sets it on the batch's copy, so the lifecycle machine then finds it not due. Postponements are
    /// rare (after a rule is added or lengthened), so each is one update conditional on the case's version.
    /// </summary>
    private async Task<int> PostponeAsync(List<Case> batch, DateOnly today, CancellationToken cancellationToken)
    {
        var postponed = 0;
        foreach (var c in batch)
        {
            if (policy.Evaluate(c).RetainUntil is not { } until || until < today)
            {
                continue;
            }

            var (id, version) = (c.Id, c.Version);
            postponed += await db.Cases
                .Where(x => x.Id == id && x.Version == version && x.Lifecycle == CaseLifecycle.Retained)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RetainUntil, until).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
            c.RetainUntil = until;
        }

        return postponed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Examined} due cases examined, {Eligible} made eligible so far")]
    private static partial void LogProgress(ILogger logger, int examined, int eligible);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep of {Scope} done: {Examined} due cases examined, {Eligible} made eligible, {Postponed} postponed by the rules in force, {Held} held, {Finished} interrupted disposals finished")]
    private static partial void LogDone(ILogger logger, string scope, int examined, int eligible, int postponed, int held, int finished);
}
