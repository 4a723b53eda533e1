using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Retention;

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int Examined, int MadeEligible, int Held, int FinishedDisposals);

/// <summary>
/// Moves retained cases whose retainUntil has passed to EligibleForDisposition, in keyset-paged batches
/// so memory stays bounded however many cases there are. Idempotent: a second run finds nothing to do.
/// </summary>
public sealed partial class RetentionSweeper(
    VaultDbContext db, DispositionService dispositions, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSweeper> logger)
{
    public async Task<SweepResult> SweepAsync(string? organization, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var batchSize = options.Value.SweepBatchSize;
        var activeHolds = db.ActiveHoldCases;
        int examined = 0, eligible = 0, held = 0;
        string after = string.Empty;
        while (true)
        {
            var batch = await db.Cases.AsNoTracking()
                .Where(c => c.Lifecycle == CaseLifecycle.Retained && c.RetainUntil < today && c.Id.CompareTo(after) > 0)
                .Where(c => organization == null || c.OrganizationId == organization)
                .OrderBy(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].Id;
            var ids = batch.Select(c => c.Id).ToList();
            var heldIds = (await activeHolds.Where(hc => ids.Contains(hc.CaseId)).Select(hc => hc.CaseId).ToListAsync(cancellationToken)).ToHashSet();
            var due = batch.Where(c => new CaseLifecycleMachine(c, heldIds.Contains(c.Id), today).CanFire(CaseTrigger.Sweep))
                .Select(c => c.Id).ToList();

            // The conditions are repeated in the update, so a hold or reopen that commits meanwhile wins.
            eligible += await db.Cases
                .Where(c => due.Contains(c.Id) && c.Lifecycle == CaseLifecycle.Retained && !activeHolds.Any(hc => hc.CaseId == c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Lifecycle, CaseLifecycle.EligibleForDisposition).SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            examined += batch.Count;
            held += heldIds.Count;
            if (examined % (batchSize * 50) == 0)
            {
                LogProgress(logger, examined, eligible);
            }
        }

        var finished = await dispositions.FinishInterruptedAsync(cancellationToken);
        LogDone(logger, examined, eligible, held, finished);
        return new SweepResult(examined, eligible, held, finished);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep: {Examined} due cases examined, {Eligible} made eligible so far")]
    private static partial void LogProgress(ILogger logger, int examined, int eligible);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep done: {Examined} due cases examined, {Eligible} made eligible, {Held} held, {Finished} interrupted disposals finished")]
    private static partial void LogDone(ILogger logger, int examined, int eligible, int held, int finished);
}
