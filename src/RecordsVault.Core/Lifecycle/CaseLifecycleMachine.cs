using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using Stateless;
using Stateless.Graph;

namespace RecordsVault.Core.Lifecycle;

/// <summary>
/// The case lifecycle as a Stateless machine over <see cref="Case.Lifecycle"/>. Every trigger that
/// leads towards disposal is guarded by "not on hold", so a held case cannot move closer to disposal
/// whatever its dates; applying a hold to a pending disposition sends it back to eligible. A case on its
/// way to disposal whose retainUntil the rules in force have moved past today is postponed: back to Retained.
/// </summary>
public sealed class CaseLifecycleMachine
{
    public const string NotHeld = "no active litigation hold";
    public const string Due = "retainUntil has passed";
    public const string NotDue = "retainUntil has not passed";

    private readonly StateMachine<CaseLifecycle, CaseTrigger> machine;

    /// <param name="target">The case whose lifecycle the machine reads and writes.</param>
    /// <param name="isHeld">Whether the case is under one or more active litigation holds.</param>
    /// <param name="today">The current date, from the caller's clock.</param>
    public CaseLifecycleMachine(Case target, bool isHeld, DateOnly today)
    {
        machine = new StateMachine<CaseLifecycle, CaseTrigger>(() => target.Lifecycle, s => target.Lifecycle = s);
        Configure(machine, () => !isHeld, () => target.RetainUntil is { } until && until < today);
        machine.OnUnhandledTrigger((state, trigger, unmetGuards) => throw new ConflictException(unmetGuards is { Count: > 0 }
            ? $"{trigger} is not allowed while the case is {state}: it needs {string.Join(" and ", unmetGuards)}."
            : $"{trigger} is not allowed while the case is {state}."));
    }

    public CaseLifecycle State => machine.State;

    public bool CanFire(CaseTrigger trigger) => machine.CanFire(trigger);

    /// <summary>Fires the trigger, or throws <see cref="ConflictException"/> when the lifecycle forbids it.</summary>
    public void Fire(CaseTrigger trigger) => machine.Fire(trigger);

    /// <summary>The machine as a Mermaid state diagram; docs/lifecycle.md holds it.</summary>
    public static string Diagram()
    {
        var lifecycle = CaseLifecycle.Open;
        var sample = new StateMachine<CaseLifecycle, CaseTrigger>(() => lifecycle, s => lifecycle = s);
        Configure(sample, () => true, () => true);
        return MermaidGraph.Format(sample.GetInfo());
    }

    private static void Configure(StateMachine<CaseLifecycle, CaseTrigger> m, Func<bool> notHeld, Func<bool> due)
    {
        m.Configure(CaseLifecycle.Open)
            .Permit(CaseTrigger.Close, CaseLifecycle.Retained)
            .InternalTransitionIf(CaseTrigger.DeleteRecord, _ => notHeld(), NoStateChange, NotHeld)
            .InternalTransition(CaseTrigger.AddRecord, NoStateChange)
            .InternalTransition(CaseTrigger.ApplyHold, NoStateChange)
            .InternalTransition(CaseTrigger.ReleaseHold, NoStateChange);

        m.Configure(CaseLifecycle.Retained)
            .Permit(CaseTrigger.Reopen, CaseLifecycle.Open)
            .PermitIf(CaseTrigger.Sweep, CaseLifecycle.EligibleForDisposition, Tuple.Create(notHeld, NotHeld), Tuple.Create(due, Due))
            .InternalTransition(CaseTrigger.ApplyHold, NoStateChange)
            .InternalTransition(CaseTrigger.ReleaseHold, NoStateChange);

        // Postponing moves away from disposal, so a hold never stands in its way.
        m.Configure(CaseLifecycle.EligibleForDisposition)
            .Permit(CaseTrigger.Reopen, CaseLifecycle.Open)
            .PermitIf(CaseTrigger.Postpone, CaseLifecycle.Retained, () => !due(), NotDue)
            .PermitIf(CaseTrigger.RequestDisposition, CaseLifecycle.DispositionPending, notHeld, NotHeld)
            .InternalTransition(CaseTrigger.ApplyHold, NoStateChange)
            .InternalTransition(CaseTrigger.ReleaseHold, NoStateChange);

        m.Configure(CaseLifecycle.DispositionPending)
            .Permit(CaseTrigger.Reopen, CaseLifecycle.Open)
            .PermitIf(CaseTrigger.ApproveDisposition, CaseLifecycle.Disposed, notHeld, NotHeld)
            .Permit(CaseTrigger.RejectDisposition, CaseLifecycle.EligibleForDisposition)
            .PermitIf(CaseTrigger.Postpone, CaseLifecycle.Retained, () => !due(), NotDue)
            .Permit(CaseTrigger.ApplyHold, CaseLifecycle.EligibleForDisposition)
            .InternalTransition(CaseTrigger.ReleaseHold, NoStateChange);

        // Disposed is final: the key is destroyed, so nothing can be undone or held.
        m.Configure(CaseLifecycle.Disposed);
    }

    /// <summary>Allowed, but the state stays; the caller still bumps the case's version (AddRecord's only checks it).</summary>
    private static void NoStateChange(StateMachine<CaseLifecycle, CaseTrigger>.Transition transition)
    {
    }
}
