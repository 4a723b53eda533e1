using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Lifecycle;

namespace RecordsVault.UnitTests;

/// <summary>Every (state, trigger) pair of the lifecycle, free and on hold: where it leads, or that it is forbidden.</summary>
public class LifecycleTableTests
{
    private const CaseLifecycle Forbidden = (CaseLifecycle)(-1);
    private static readonly DateOnly Today = new(2030, 6, 1);

    // Expected destination per (state, trigger) for a due case without holds; same state = allowed, no move.
    private static readonly Dictionary<(CaseLifecycle, CaseTrigger), CaseLifecycle> Free = new()
    {
        [(CaseLifecycle.Open, CaseTrigger.Close)] = CaseLifecycle.Retained,
        [(CaseLifecycle.Open, CaseTrigger.ApplyHold)] = CaseLifecycle.Open,
        [(CaseLifecycle.Open, CaseTrigger.ReleaseHold)] = CaseLifecycle.Open,
        [(CaseLifecycle.Open, CaseTrigger.DeleteRecord)] = CaseLifecycle.Open,
        [(CaseLifecycle.Open, CaseTrigger.AddRecord)] = CaseLifecycle.Open,
        [(CaseLifecycle.Retained, CaseTrigger.Reopen)] = CaseLifecycle.Open,
        [(CaseLifecycle.Retained, CaseTrigger.Sweep)] = CaseLifecycle.EligibleForDisposition,
        [(CaseLifecycle.Retained, CaseTrigger.ApplyHold)] = CaseLifecycle.Retained,
        [(CaseLifecycle.Retained, CaseTrigger.ReleaseHold)] = CaseLifecycle.Retained,
        [(CaseLifecycle.EligibleForDisposition, CaseTrigger.Reopen)] = CaseLifecycle.Open,
        [(CaseLifecycle.EligibleForDisposition, CaseTrigger.RequestDisposition)] = CaseLifecycle.DispositionPending,
        [(CaseLifecycle.EligibleForDisposition, CaseTrigger.ApplyHold)] = CaseLifecycle.EligibleForDisposition,
        [(CaseLifecycle.EligibleForDisposition, CaseTrigger.ReleaseHold)] = CaseLifecycle.EligibleForDisposition,
        [(CaseLifecycle.DispositionPending, CaseTrigger.Reopen)] = CaseLifecycle.Open,
        [(CaseLifecycle.DispositionPending, CaseTrigger.ApproveDisposition)] = CaseLifecycle.Disposed,
        [(CaseLifecycle.DispositionPending, CaseTrigger.RejectDisposition)] = CaseLifecycle.EligibleForDisposition,
        [(CaseLifecycle.DispositionPending, CaseTrigger.ApplyHold)] = CaseLifecycle.EligibleForDisposition,
        [(CaseLifecycle.DispositionPending, CaseTrigger.ReleaseHold)] = CaseLifecycle.DispositionPending,
    };

    // On hold, nothing moves towards disposal.
    private static readonly CaseTrigger[] BlockedByHold =
        [CaseTrigger.Sweep, CaseTrigger.RequestDisposition, CaseTrigger.ApproveDisposition, CaseTrigger.DeleteRecord];

    public static TheoryData<CaseLifecycle, CaseTrigger, bool> EveryPair()
    {
        var data = new TheoryData<CaseLifecycle, CaseTrigger, bool>();
        foreach (var state in Enum.GetValues<CaseLifecycle>())
        {
            foreach (var trigger in Enum.GetValues<CaseTrigger>())
            {
                data.Add(state, trigger, false);
                data.Add(state, trigger, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Trigger_in_state_leads_where_the_table_says(CaseLifecycle state, CaseTrigger trigger, bool held)
    {
        var expected = Free.GetValueOrDefault((state, trigger), Forbidden);
        if (held && BlockedByHold.Contains(trigger))
        {
            expected = Forbidden;
        }

        var target = NewCase(state, retainUntil: Today.AddDays(-1));
        var machine = new CaseLifecycleMachine(target, held, Today);

        if (expected == Forbidden)
        {
            Assert.False(machine.CanFire(trigger));
            Assert.Throws<ConflictException>(() => machine.Fire(trigger));
            Assert.Equal(state, target.Lifecycle);
        }
        else
        {
            machine.Fire(trigger);
            Assert.Equal(expected, target.Lifecycle);
        }
    }

    [Theory]
    [InlineData(0, false)] // retainUntil is today: the last day to keep, not yet due
    [InlineData(1, true)]
    public void Sweep_makes_a_case_eligible_only_after_its_retainUntil(int daysAfter, bool eligible)
    {
        var until = new DateOnly(2027, 3, 1);
        var target = NewCase(CaseLifecycle.Retained, until);

        var machine = new CaseLifecycleMachine(target, isHeld: false, until.AddDays(daysAfter));

        Assert.Equal(eligible, machine.CanFire(CaseTrigger.Sweep));
    }

    [Theory]
    [InlineData(CaseLifecycle.EligibleForDisposition, false)]
    [InlineData(CaseLifecycle.DispositionPending, false)]
    [InlineData(CaseLifecycle.DispositionPending, true)] // moving away from disposal: a hold does not stop it
    public void Postpone_returns_a_case_no_longer_due_to_Retained(CaseLifecycle state, bool held)
    {
        var target = NewCase(state, retainUntil: Today);

        new CaseLifecycleMachine(target, held, Today).Fire(CaseTrigger.Postpone);

        Assert.Equal(CaseLifecycle.Retained, target.Lifecycle);
    }

    [Theory]
    [InlineData(CaseLifecycle.Open)]
    [InlineData(CaseLifecycle.Retained)]
    [InlineData(CaseLifecycle.Disposed)]
    public void Postpone_is_refused_outside_the_way_to_disposal(CaseLifecycle state)
    {
        Assert.False(new CaseLifecycleMachine(NewCase(state, retainUntil: Today.AddYears(1)), isHeld: false, Today).CanFire(CaseTrigger.Postpone));
    }

    [Fact]
    public void Forbidden_trigger_on_hold_names_the_unmet_guard()
    {
        var machine = new CaseLifecycleMachine(NewCase(CaseLifecycle.EligibleForDisposition, Today.AddYears(-1)), isHeld: true, Today);

        var error = Assert.Throws<ConflictException>(() => machine.Fire(CaseTrigger.RequestDisposition));

        Assert.Contains(CaseLifecycleMachine.NotHeld, error.Message, StringComparison.Ordinal);
    }

    private static Case NewCase(CaseLifecycle state, DateOnly retainUntil) => new()
    {
        Id = "c1",
        OrganizationId = "prov-a",
        CaseNumber = "A-1",
        State = "TX",
        CreatedBy = "alice",
        Lifecycle = state,
        RetainUntil = retainUntil,
    };
}
