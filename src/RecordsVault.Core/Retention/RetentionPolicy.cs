namespace RecordsVault.Core.Retention;

/// <summary>What the rules say about one case.</summary>
public sealed record RetentionOutcome(DateOnly? RetainUntil, IReadOnlyList<RuleOutcome> Rules, bool LicensingRuleMissing);

/// <summary>One rule's verdict on a case: until when it requires the file to be kept.</summary>
public sealed record RuleOutcome(string Id, string Jurisdiction, string Citation, DateOnly? Until);

/// <summary>
/// All loaded rules. A case is kept until the latest until-date of the federal rules and its state's
/// rules: ORR guide 6.2.5 asks for the longer of the licensing period and three years.
/// </summary>
public sealed class RetentionPolicy(IReadOnlyList<RetentionRule> rules)
{
    public IReadOnlyList<RetentionRule> Rules { get; } = rules;

    public RetentionOutcome Evaluate(string state, DateOnly childDateOfBirth, DateOnly? servicePeriodEnd)
    {
        var applicable = Rules.Where(r => r.Jurisdiction == RetentionRule.Federal || r.Jurisdiction == state).ToList();
        var outcomes = applicable
            .Select(r => new RuleOutcome(r.Id, r.Jurisdiction, r.Citation, r.Until(childDateOfBirth, servicePeriodEnd)))
            .ToList();
        DateOnly? retainUntil = servicePeriodEnd is null || outcomes.Count == 0 ? null : outcomes.Max(o => o.Until);
        return new RetentionOutcome(retainUntil, outcomes, !applicable.Any(r => r.Jurisdiction == state));
    }
}
