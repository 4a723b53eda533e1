using RecordsVault.Core.Records;

namespace RecordsVault.Core.Disclosures;

/// <summary>One record as a disclosure packet lists it: its metadata and the digest a recipient can verify.</summary>
public sealed record PacketRecord(
    string RecordId,
    string CaseNumber,
    string Title,
    string Kind,
    Ownership Ownership,
    DateOnly DevelopedAt,
    long Size,
    string Sha256,
    string ContentType);
