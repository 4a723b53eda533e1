using RecordsVault.Core.Audit;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// An index row: event <see cref="Sequence"/> touched case <see cref="CaseId"/>. Written with the event, never hashed
/// (the event's own <c>CaseIds</c> is what the chain protects); it lets <c>GET /audit?caseId=</c> read a case's events
/// newest first from an index instead of scanning every event's text.
/// </summary>
public sealed class AuditEventCase
{
    public required string CaseId { get; init; }

    public long Sequence { get; init; }
}

/// <summary>An index row: event <see cref="Sequence"/> is visible to organization <see cref="Organization"/>'s auditors.</summary>
public sealed class AuditEventOrganization
{
    public required string Organization { get; init; }

    public long Sequence { get; init; }
}

/// <summary>The index rows of one event, from the lists it carries.</summary>
public static class AuditEventLinks
{
    public static IEnumerable<AuditEventCase> Cases(AuditEvent e) =>
        e.CaseIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)
            .Select(id => new AuditEventCase { CaseId = id, Sequence = e.Sequence });

    public static IEnumerable<AuditEventOrganization> Organizations(AuditEvent e) =>
        e.Organizations.Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)
            .Select(org => new AuditEventOrganization { Organization = org, Sequence = e.Sequence });
}
