using RecordsVault.Core.Audit;

namespace RecordsVault.Api.Endpoints;

/// <summary>
/// A page of <c>GET /audit</c>, newest first. <c>Next</c> is the cursor of the next (older) page: pass it as
/// <c>before</c>; null on the last page.
/// </summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditEventResponse> Items, int PageSize, long? Next);

/// <summary>Who performed an audited action.</summary>
public sealed record AuditActorResponse(string Sub, string Org, IReadOnlyList<string> Roles);

/// <summary>An audit event as <c>GET /audit</c> shows it, with its place in the hash chain.</summary>
public sealed record AuditEventResponse(
    long Sequence,
    DateTime OccurredAt,
    AuditActorResponse Actor,
    string Action,
    AuditOutcome Outcome,
    IReadOnlyList<string> CaseIds,
    string? RecordId,
    string? TargetId,
    string? ClientAddress,
    string? RequestId,
    string PreviousHash,
    string Hash)
{
    /// <param name="shown">Which of the event's case ids the reader may see.</param>
    public static AuditEventResponse From(AuditEvent e, Func<string, bool> shown) => new(
        e.Sequence, e.OccurredAt, new AuditActorResponse(e.ActorSub, e.ActorOrg, Split(e.ActorRoles)), e.Action, e.Outcome,
        Split(e.CaseIds).Where(shown).ToList(), Blank(e.RecordId), Blank(e.TargetId), Blank(e.ClientAddress), Blank(e.RequestId), e.PreviousHash, e.Hash);

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
