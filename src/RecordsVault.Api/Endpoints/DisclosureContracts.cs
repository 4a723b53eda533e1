using RecordsVault.Core.Disclosures;

namespace RecordsVault.Api.Endpoints;

/// <summary>The body of <c>POST /disclosures</c>.</summary>
public sealed record CreateDisclosureRequest(IReadOnlyList<string>? CaseIds, string? Purpose, string? Designee);

/// <summary>A disclosure request as the API shows it.</summary>
public sealed record DisclosureResponse(
    string Id, string RequestedBy, string Purpose, string? Designee, DateTime? DesigneeAccessUntil, DateTime CreatedAt,
    IReadOnlyList<string> CaseIds, IReadOnlyList<DisclosedRecord> Records, string? PacketSha256, long? PacketSize)
{
    public static DisclosureResponse From(DisclosureRequest d) => new(
        d.Id, d.RequestedBy, d.Purpose, d.DesigneeSub, d.DesigneeAccessUntil, d.CreatedAt, d.CaseIds, d.Records, d.Packet?.Sha256, d.Packet?.Size);
}

/// <summary>The body of <c>POST /releases</c>.</summary>
public sealed record CreateReleaseRequest(IReadOnlyList<string>? RecordIds, string? Recipient, string? Purpose);

/// <summary>A release as the API shows it.</summary>
public sealed record ReleaseResponse(
    string Id, string OrganizationId, string RequestedBy, string Recipient, string Purpose, ReleaseStatus Status,
    string? ApprovedBy, DateTime? ApprovedAt, DateTime CreatedAt, IReadOnlyList<DisclosedRecord> Records, string? PacketSha256)
{
    public static ReleaseResponse From(ReleaseRequest r) => new(
        r.Id, r.OrganizationId, r.RequestedBy, r.Recipient, r.Purpose, r.Status, r.ApprovedBy, r.ApprovedAt, r.CreatedAt, r.Records, r.Packet?.Sha256);
}
