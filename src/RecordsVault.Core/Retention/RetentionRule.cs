namespace RecordsVault.Core.Retention;

/// <summary>The date a retention period counts from.</summary>
public enum RetentionAnchor
{
    /// <summary>The day post-release services concluded.</summary>
    ServicePeriodEnd,

    /// <summary>The child's 18th birthday.</summary>
    ChildAge18,
}

/// <summary>One retention rule: keep a case file for a period after an anchor date, per a citation.</summary>
public sealed record RetentionRule(string Id, string Jurisdiction, string Citation, RetentionAnchor Anchor, int Years, int Months)
{
    public const string Federal = "federal";

    /// <summary>The last day the rule requires the file to be kept, or null while its anchor is unknown.</summary>
    public DateOnly? Until(DateOnly childDateOfBirth, DateOnly? servicePeriodEnd) =>
        AnchorDate(childDateOfBirth, servicePeriodEnd) is { } anchor ? RetentionDates.Add(anchor, Years, Months) : null;

    /// <summary>The date the rule counts from for a case, or null while it is unknown.</summary>
    public DateOnly? AnchorDate(DateOnly childDateOfBirth, DateOnly? servicePeriodEnd) => Anchor switch
    {
        RetentionAnchor.ServicePeriodEnd => servicePeriodEnd,
        RetentionAnchor.ChildAge18 => RetentionDates.Add(childDateOfBirth, 18, 0),
        _ => throw new InvalidOperationException($"Unknown anchor {Anchor}."),
    };
}
