using RecordsVault.Core.Retention;

namespace RecordsVault.UnitTests;

public class RetentionTests
{
    private static readonly RetentionRule Federal = new("orr-guide-6.2.5", "federal", "ORR Guide 6.2.5", RetentionAnchor.ServicePeriodEnd, 3, 0);

    [Theory]
    [InlineData("2025-03-31", 3, 0, "2028-03-31")]
    [InlineData("2024-02-29", 3, 0, "2027-03-01")] // no 29 February in 2027: kept until 1 March, never a day less
    [InlineData("2024-02-29", 4, 0, "2028-02-29")]
    [InlineData("2023-02-28", 1, 0, "2024-02-28")]
    [InlineData("2025-01-31", 0, 1, "2025-03-01")] // no 31 February
    [InlineData("2025-08-31", 0, 6, "2026-03-01")] // six months after 31 August would be 31 February
    public void Add_years_and_months_never_lands_early(string anchor, int years, int months, string expected)
    {
        var result = RetentionDates.Add(DateOnly.Parse(anchor, System.Globalization.CultureInfo.InvariantCulture), years, months);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Fact]
    public void RetainUntil_is_the_latest_of_the_federal_and_state_rules()
    {
        var state = new RetentionRule("tx-licensing", "TX", "TX standard", RetentionAnchor.ChildAge18, 5, 0);
        var other = new RetentionRule("ca-licensing", "CA", "CA standard", RetentionAnchor.ServicePeriodEnd, 50, 0);
        var policy = new RetentionPolicy([Federal, state, other]);

        var outcome = policy.Evaluate("TX", new DateOnly(2010, 6, 1), new DateOnly(2025, 3, 31));

        Assert.Equal(new DateOnly(2033, 6, 1), outcome.RetainUntil);
        Assert.Equal(["orr-guide-6.2.5", "tx-licensing"], outcome.Rules.Select(r => r.Id));
        Assert.Equal(new DateOnly(2028, 3, 31), outcome.Rules[0].Until);
        Assert.False(outcome.LicensingRuleMissing);
    }

    [Fact]
    public void State_without_a_rule_is_flagged_and_the_federal_rule_still_applies()
    {
        var outcome = new RetentionPolicy([Federal]).Evaluate("NM", new DateOnly(2010, 6, 1), new DateOnly(2025, 3, 31));

        Assert.True(outcome.LicensingRuleMissing);
        Assert.Equal(new DateOnly(2028, 3, 31), outcome.RetainUntil);
    }

    [Fact]
    public void Open_case_has_no_retainUntil_but_age_anchored_rules_have_dates()
    {
        var state = new RetentionRule("tx-licensing", "TX", "TX standard", RetentionAnchor.ChildAge18, 5, 0);

        var outcome = new RetentionPolicy([Federal, state]).Evaluate("TX", new DateOnly(2008, 2, 29), servicePeriodEnd: null);

        Assert.Null(outcome.RetainUntil);
        Assert.Null(outcome.Rules[0].Until);
        Assert.Equal(new DateOnly(2031, 3, 1), outcome.Rules[1].Until); // 18th birthday 2026-03-01, plus five years
    }

    [Fact]
    public void Each_rule_names_its_anchor_and_the_anchor_date_once_it_is_known()
    {
        var state = new RetentionRule("tx-licensing", "TX", "TX standard", RetentionAnchor.ChildAge18, 5, 6);
        var policy = new RetentionPolicy([Federal, state]);

        var open = policy.Evaluate("TX", new DateOnly(2010, 6, 1), servicePeriodEnd: null);
        var closed = policy.Evaluate("TX", new DateOnly(2010, 6, 1), new DateOnly(2025, 3, 31));

        Assert.Equal((RetentionAnchor.ServicePeriodEnd, (DateOnly?)null, 3, 0), Describe(open.Rules[0]));
        Assert.Equal((RetentionAnchor.ChildAge18, (DateOnly?)new DateOnly(2028, 6, 1), 5, 6), Describe(open.Rules[1]));
        Assert.Equal((RetentionAnchor.ServicePeriodEnd, (DateOnly?)new DateOnly(2025, 3, 31), 3, 0), Describe(closed.Rules[0]));
        Assert.Equal(new DateOnly(2033, 12, 1), closed.Rules[1].Until);

        static (RetentionAnchor, DateOnly?, int, int) Describe(RuleOutcome rule) => (rule.Anchor, rule.AnchorDate, rule.Years, rule.Months);
    }

    [Fact]
    public void Governing_rule_is_the_one_whose_date_is_retainUntil()
    {
        var state = new RetentionRule("tx-licensing", "TX", "TX standard", RetentionAnchor.ChildAge18, 5, 0);

        var outcome = new RetentionPolicy([Federal, state]).Evaluate("TX", new DateOnly(2010, 6, 1), new DateOnly(2025, 3, 31));

        Assert.Equal("tx-licensing", outcome.GoverningRuleId);
        Assert.Equal([false, true], outcome.Rules.Select(r => r.Governing));
    }

    [Fact]
    public void Governing_rule_on_a_tie_is_the_federal_one_then_the_lowest_id()
    {
        var sameAsFederal = new RetentionRule("a-tx-same", "TX", "TX standard", RetentionAnchor.ServicePeriodEnd, 2, 12);
        var b = new RetentionRule("tx-b", "TX", "TX b", RetentionAnchor.ServicePeriodEnd, 4, 0);
        var a = new RetentionRule("tx-a", "TX", "TX a", RetentionAnchor.ServicePeriodEnd, 4, 0);
        var end = new DateOnly(2025, 3, 31);

        Assert.Equal("orr-guide-6.2.5", new RetentionPolicy([sameAsFederal, Federal]).Evaluate("TX", new DateOnly(2010, 6, 1), end).GoverningRuleId);
        Assert.Equal("tx-a", new RetentionPolicy([Federal, b, a]).Evaluate("TX", new DateOnly(2010, 6, 1), end).GoverningRuleId);
    }

    [Fact]
    public void Rule_lengthened_after_close_moves_retainUntil_later()
    {
        var longer = new RetentionRule("orr-guide-6.2.5", "federal", "ORR Guide 6.2.5", RetentionAnchor.ServicePeriodEnd, 5, 0);

        var outcome = new RetentionPolicy([longer]).Evaluate("TX", new DateOnly(2010, 6, 1), new DateOnly(2025, 3, 31), fixedAtClose: new DateOnly(2028, 3, 31));

        Assert.Equal(new DateOnly(2030, 3, 31), outcome.RetainUntil);
        Assert.Equal("orr-guide-6.2.5", outcome.GoverningRuleId);
    }

    [Fact]
    public void Rule_shortened_after_close_keeps_the_date_the_case_closed_with_and_names_no_governing_rule()
    {
        var outcome = new RetentionPolicy([Federal]).Evaluate("TX", new DateOnly(2010, 6, 1), new DateOnly(2025, 3, 31), fixedAtClose: new DateOnly(2032, 3, 31));

        Assert.Equal(new DateOnly(2032, 3, 31), outcome.RetainUntil);
        Assert.Null(outcome.GoverningRuleId);
        Assert.Equal(new DateOnly(2028, 3, 31), outcome.Rules.Single().Until);
    }

    [Fact]
    public void Open_case_has_no_governing_rule()
    {
        var state = new RetentionRule("tx-licensing", "TX", "TX standard", RetentionAnchor.ChildAge18, 5, 0);

        Assert.Null(new RetentionPolicy([Federal, state]).Evaluate("TX", new DateOnly(2010, 6, 1), servicePeriodEnd: null).GoverningRuleId);
    }
}
