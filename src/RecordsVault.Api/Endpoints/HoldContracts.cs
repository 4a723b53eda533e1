using RecordsVault.Core.Holds;

namespace RecordsVault.Api.Endpoints;

/// <summary>The body of <c>POST /holds</c>.</summary>
public sealed record CreateHoldRequest(string? Matter, string? Reason, IReadOnlyList<string>? CaseIds);

/// <summary>The body of <c>POST /holds/{id}/release</c>.</summary>
public sealed record ReleaseHoldRequest(string? Resolution);

/// <summary>A litigation hold as the API shows it; <see cref="CaseIds"/> lists only cases the caller may see.</summary>
public sealed record HoldResponse(
    string Id, string Matter, string Reason, bool Active, IReadOnlyList<string> CaseIds, string CreatedBy, string CreatedByOrganization,
    DateTime CreatedAt, DateTime? ReleasedAt, string? ReleasedBy, string? Resolution)
{
    public static HoldResponse From(LitigationHold h, IReadOnlyList<string> caseIds) => new(
        h.Id, h.Matter, h.Reason, h.IsActive, caseIds, h.CreatedBy, h.CreatedByOrganization, h.CreatedAt, h.ReleasedAt, h.ReleasedBy, h.Resolution);
}
