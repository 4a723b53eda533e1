using RecordsVault.Core.Records;
using RecordsVault.Core.Retention;

namespace RecordsVault.Infrastructure.Handover;

/// <summary>
/// A case as <c>cases.json</c> describes it: what the manifest cannot say, such as its id and lifecycle in the source
/// vault, its retention as the source's rules computed it, its active holds, and each record's ownership.
/// </summary>
public sealed record ExportedCase(
    string CaseNumber,
    string SourceCaseId,
    string Lifecycle,
    DateOnly? ServicePeriodEnd,
    DateOnly? RetainUntil,
    RetentionOutcome Retention,
    IReadOnlyList<ExportedHold> Holds,
    IReadOnlyList<ExportedRecord> Records);

/// <summary>An active hold on an exported case.</summary>
public sealed record ExportedHold(string Id, string Matter, string Reason, DateTime CreatedAt, string CreatedByOrganization);

/// <summary>An exported record: its file in the export, digest, and the ownership the source vault derived.</summary>
public sealed record ExportedRecord(string Id, string File, string Sha256, long Size, string ContentType, Ownership Ownership, DateOnly DevelopedAt);
