using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Lifecycle;
using RecordsVault.Core.Retention;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Cases;

/// <summary>
/// Moves cases through the lifecycle machine. Every change bumps the case's concurrency token, so two
/// writers that read the same version cannot both commit.
/// </summary>
public sealed class LifecycleService(VaultDbContext db, RetentionPolicy policy, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Loads a case for change, tracked; callers authorize before changing it.</summary>
    public async Task<Case> LoadAsync(string caseId, CancellationToken cancellationToken) =>
        await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) ?? throw new NotFoundException("The case");

    public Task<bool> IsHeldAsync(string caseId, CancellationToken cancellationToken) =>
        db.ActiveHoldCases.AnyAsync(hc => hc.CaseId == caseId, cancellationToken);

    /// <summary>Fires a trigger on a tracked case: throws 409 if the lifecycle forbids it, otherwise bumps the version.</summary>
    public async Task FireAsync(Case target, CaseTrigger trigger, CancellationToken cancellationToken)
    {
        var machine = new CaseLifecycleMachine(target, await IsHeldAsync(target.Id, cancellationToken), Today);
        machine.Fire(trigger);
        target.Version++;
    }

    /// <summary>
    /// Checks a trigger that leaves the case as it is (AddRecord) so that the check still holds when the caller's
    /// change commits: the case row is written back at the version it was read at, so the save fails if anyone
    /// changed the case meanwhile. Unlike <see cref="FireAsync"/> the version is not bumped, so uploads to one
    /// case do not conflict with each other, while a close that commits first still wins.
    /// </summary>
    public async Task RequireAsync(Case target, CaseTrigger trigger, CancellationToken cancellationToken)
    {
        var before = target.Lifecycle;
        new CaseLifecycleMachine(target, await IsHeldAsync(target.Id, cancellationToken), Today).Fire(trigger);
        if (target.Lifecycle != before)
        {
            throw new InvalidOperationException($"{trigger} moves the case; fire it with {nameof(FireAsync)}.");
        }

        db.Entry(target).Property(c => c.Version).IsModified = true;
    }

    public async Task<Case> CloseAsync(Case target, DateOnly servicePeriodEnd, string reason, CancellationToken cancellationToken)
    {
        if (servicePeriodEnd < target.ReleaseDate)
        {
            throw new ValidationException("servicePeriodEnd", "The service period cannot end before the release date.");
        }

        if (servicePeriodEnd > Today)
        {
            throw new ValidationException("servicePeriodEnd", "The service period cannot end in the future.");
        }

        await FireAsync(target, CaseTrigger.Close, cancellationToken);
        target.ServicePeriodEnd = servicePeriodEnd;
        target.RetainUntil = Evaluate(target).RetainUntil;
        target.ClosedReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public async Task<Case> ReopenAsync(Case target, CancellationToken cancellationToken)
    {
        await FireAsync(target, CaseTrigger.Reopen, cancellationToken);
        target.ServicePeriodEnd = null;
        target.RetainUntil = null;
        target.ClosedReason = null;
        target.DispositionRequestedBy = null;
        target.DispositionRequestedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public async Task<Case> RequestDispositionAsync(Case target, string requestedBy, CancellationToken cancellationToken)
    {
        await EnsureStillDueAsync(target, cancellationToken);
        await FireAsync(target, CaseTrigger.RequestDisposition, cancellationToken);
        target.DispositionRequestedBy = requestedBy;
        target.DispositionRequestedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    public async Task<Case> RejectDispositionAsync(Case target, CancellationToken cancellationToken)
    {
        await FireAsync(target, CaseTrigger.RejectDisposition, cancellationToken);
        target.DispositionRequestedBy = null;
        target.DispositionRequestedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    /// <summary>
    /// What the rules in force say about a case now, never earlier than the retainUntil it closed with. A disposed
    /// case is never evaluated again: its date of birth is gone, and its certificate keeps the rules it was disposed of under.
    /// </summary>
    public RetentionOutcome Evaluate(Case target) => target.ChildDateOfBirth switch
    {
        not null => policy.Evaluate(target),
        null when target.Lifecycle == CaseLifecycle.Disposed => new RetentionOutcome(target.RetainUntil, [], LicensingRuleMissing: false),
        null => throw new InvalidOperationException($"Case {target.Id} has no date of birth but is not disposed."),
    };

    /// <summary>
    /// Re-checks a case on its way to disposal against the rules in force. When one now keeps it past today
    /// (a rule added or lengthened since it closed), the case goes back to Retained with the later retainUntil
    /// and its disposition request withdrawn, so the sweep makes it eligible again once that day has passed
    /// and a fresh request and approval are needed. The change commits, and the caller gets 409.
    /// </summary>
    public async Task EnsureStillDueAsync(Case target, CancellationToken cancellationToken)
    {
        if (target.Lifecycle is not (CaseLifecycle.EligibleForDisposition or CaseLifecycle.DispositionPending)
            || Evaluate(target) is not { RetainUntil: { } until } retention
            || until < Today)
        {
            return;
        }

        target.RetainUntil = until;
        await FireAsync(target, CaseTrigger.Postpone, cancellationToken);
        target.DispositionRequestedBy = null;
        target.DispositionRequestedAt = null;
        await db.SaveChangesAsync(AuditOutcome.Failed, cancellationToken);
        var rule = retention.GoverningRuleId is { } id ? $"Rule {id} now keeps" : "The rules in force now keep";
        throw new ConflictException(
            $"{rule} this case until {until:yyyy-MM-dd}: it is back in Retained, and the sweep makes it eligible again after that day.");
    }
}
