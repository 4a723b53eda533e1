using RecordsVault.Core.Cases;

namespace RecordsVault.Core.Retention;

/// <summary>What the rules say about one case.</summary>
public sealed record RetentionOutcome(DateOnly? RetainUntil, IReadOnlyList<RuleOutcome> Rules, bool LicensingRuleMissing)
{
    /// <summary>
    /// The rule whose until-date is <see cref="RetainUntil"/>. Null while the case is open, and when the date
    /// was fixed at close by a rule that has since been shortened or removed: no rule in force asks for it.
    /// </summary>
    public string? GoverningRuleId => Rules.FirstOrDefault(r => r.Governing)?.Id;
}

/// <summary>One rule's verdict on a case: until when it requires the file to be kept, and whether that date is the case's retainUntil.</summary>
public sealed record RuleOutcome(string Id, string Jurisdiction, string Citation, DateOnly? Until, bool Governing = false)
{
    /// <summary>What the rule counts from.</summary>
    public RetentionAnchor Anchor { get; init; }

    /// <summary>The anchor's date for this case; null while it is unknown (the services have not ended).</summary>
    public DateOnly? AnchorDate { get; init; }

    /// <summary>How long after the anchor, in whole years and months.</summary>
    public int Years { get; init; }

    public int Months { get; init; }
}

/// <summary>
/// All loaded rules. A case is kept until the latest until-date of the federal rules and its state's
/// rules: ORR guide 6.2.5 asks for the longer of the licensing period and three years.
/// </summary>
public sealed class RetentionPolicy(IReadOnlyList<RetentionRule> rules)
{
    public IReadOnlyList<RetentionRule> Rules { get; } = rules;

    /// <summary>
    /// What the rules in force say about a case, never earlier than the retainUntil it was given when it
    /// closed: a rule added or lengthened since postpones disposal, a rule shortened or removed does not hasten it.
    /// </summary>
    public RetentionOutcome Evaluate(Case target) => Evaluate(
        target.State,
        target.ChildDateOfBirth ?? throw new InvalidOperationException($"Case {target.Id} has no date of birth: a disposed case is never evaluated."),
        target.ServicePeriodEnd,
        target.RetainUntil);

    /// <param name="fixedAtClose">The retainUntil stored when the case closed, if it has; the result is never earlier.</param>
    public RetentionOutcome Evaluate(string state, DateOnly childDateOfBirth, DateOnly? servicePeriodEnd, DateOnly? fixedAtClose = null)
    {
        var applicable = Rules.Where(r => r.Jurisdiction == RetentionRule.Federal || r.Jurisdiction == state).ToList();
        var dated = applicable.Select(r => (Rule: r, Until: r.Until(childDateOfBirth, servicePeriodEnd))).ToList();
        DateOnly? retainUntil = servicePeriodEnd is null || dated.Count == 0 ? null : Later(dated.Max(d => d.Until), fixedAtClose);
        var governing = GoverningRule(dated, retainUntil);
        var outcomes = dated
            .Select(d => new RuleOutcome(d.Rule.Id, d.Rule.Jurisdiction, d.Rule.Citation, d.Until, ReferenceEquals(d.Rule, governing))
            {
                Anchor = d.Rule.Anchor,
                AnchorDate = d.Rule.AnchorDate(childDateOfBirth, servicePeriodEnd),
                Years = d.Rule.Years,
                Months = d.Rule.Months,
            })
            .ToList();
        return new RetentionOutcome(retainUntil, outcomes, !applicable.Any(r => r.Jurisdiction == state));
    }

    /// <summary>
    /// The rule whose until-date is the retainUntil. When several give that same day, the federal rule is
    /// named first (it is the floor every case shares), then the lowest id in ordinal order, so the choice
    /// never depends on the order of the policy files.
    /// </summary>
    private static RetentionRule? GoverningRule(List<(RetentionRule Rule, DateOnly? Until)> dated, DateOnly? retainUntil) =>
        retainUntil is null ? null : dated
            .Where(d => d.Until == retainUntil)
            .Select(d => d.Rule)
            .OrderBy(r => r.Jurisdiction == RetentionRule.Federal ? 0 : 1)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault();

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
