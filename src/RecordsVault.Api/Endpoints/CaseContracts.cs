using RecordsVault.Core.Cases;
using RecordsVault.Core.Retention;

namespace RecordsVault.Api.Endpoints;

/// <summary>The body of <c>POST /cases</c>. Every field is nullable so that a missing one is reported by name.</summary>
public sealed record CreateCaseRequest(
    string? CaseNumber,
    string? State,
    DateOnly? ReleaseDate,
    DateOnly? ChildDateOfBirth,
    PrsType? PrsType,
    int? PrsLevel);

/// <summary>A case as the API shows it; a disposed case has no date of birth any more.</summary>
public sealed record CaseResponse(
    string Id,
    string OrganizationId,
    string CaseNumber,
    string State,
    DateOnly ReleaseDate,
    DateOnly? ChildDateOfBirth,
    PrsType PrsType,
    int PrsLevel,
    CaseLifecycle Lifecycle,
    DateOnly? ServicePeriodEnd,
    DateOnly? RetainUntil,
    IReadOnlyList<string> ActiveHolds,
    string? DispositionRequestedBy,
    DispositionCertificate? Disposition,
    DateTime CreatedAt)
{
    /// <summary>A case without its holds, for listings and for a case that was just opened.</summary>
    public static CaseResponse From(Case c) => From(c, [], null);

    public static CaseResponse From(Case c, IReadOnlyList<string> activeHolds, DispositionCertificate? disposition) => new(
        c.Id, c.OrganizationId, c.CaseNumber, c.State, c.ReleaseDate, c.ChildDateOfBirth, c.PrsType, c.PrsLevel,
        c.Lifecycle, c.ServicePeriodEnd, c.RetainUntil, activeHolds, c.DispositionRequestedBy, disposition, c.CreatedAt);
}

/// <summary>The body of <c>POST /cases/{id}/close</c>.</summary>
public sealed record CloseCaseRequest(DateOnly? ServicePeriodEnd, string? Reason);

/// <summary>The body of <c>POST /cases/{id}/disposition/reject</c>.</summary>
public sealed record RejectDispositionRequest(string? Reason);

/// <summary>
/// What <c>GET /cases/{id}/retention</c> answers: the rules in force now. <see cref="RetainUntil"/> is never
/// earlier than the date the case closed with, and <see cref="GoverningRuleId"/> names the rule that sets it.
/// </summary>
public sealed record RetentionResponse(
    string CaseId,
    CaseLifecycle Lifecycle,
    DateOnly? ServicePeriodEnd,
    DateOnly? RetainUntil,
    string? GoverningRuleId,
    IReadOnlyList<RuleOutcome> Rules,
    bool LicensingRuleMissing,
    IReadOnlyList<string> ActiveHolds,
    bool EligibleForDisposition)
{
    /// <summary>Eligible only while the lifecycle says so, nothing holds the case, and no rule in force has moved its date past today.</summary>
    public static RetentionResponse From(Case c, RetentionOutcome outcome, IReadOnlyList<string> activeHolds, DateOnly today) => new(
        c.Id, c.Lifecycle, c.ServicePeriodEnd, outcome.RetainUntil, outcome.GoverningRuleId, outcome.Rules, outcome.LicensingRuleMissing,
        activeHolds, c.Lifecycle == CaseLifecycle.EligibleForDisposition && activeHolds.Count == 0 && outcome.RetainUntil < today);
}

/// <summary>One page of a listing.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>
/// A page of cases, newest first. <see cref="Next"/> is the <c>before</c> of the next page, null on the last;
/// <see cref="Page"/> is the page asked for by number, null when it was asked for by cursor.
/// </summary>
public sealed record CaseList(IReadOnlyList<CaseResponse> Items, int? Page, int PageSize, string? Next);

/// <summary>A page of a case's history, newest first; <see cref="Next"/> is the <c>before</c> of the next (older) page.</summary>
public sealed record CaseHistory(IReadOnlyList<CaseHistoryEntry> Items, int PageSize, long? Next);

/// <summary>One event of a case's history: when, who (and their organization), what, on which record, and how it ended.</summary>
public sealed record CaseHistoryEntry(
    long Sequence, DateTime OccurredAt, string Actor, string ActorOrganization, string Action, Core.Audit.AuditOutcome Outcome, string? RecordId)
{
    public static CaseHistoryEntry From(Core.Audit.AuditEvent e) => new(
        e.Sequence, e.OccurredAt, e.ActorSub, e.ActorOrg, e.Action, e.Outcome, string.IsNullOrEmpty(e.RecordId) ? null : e.RecordId);
}
