namespace RecordsVault.Core.Retention;

/// <summary>
/// The tombstone of a disposed case: a certificate of what was destroyed, by whose decision, and under
/// which rules. <see cref="BlobsDeletedAt"/> stays null until the ciphertext is gone as well. The rules are
/// stored as JSON, each marked whether it governed, so the governing rule needs no column of its own.
/// </summary>
public sealed class DispositionCertificate
{
    public required string CaseId { get; init; }
    public required string OrganizationId { get; init; }
    public required string RequestedBy { get; init; }
    public DateTime RequestedAt { get; init; }
    public required string ApprovedBy { get; init; }
    public DateTime ApprovedAt { get; init; }
    public DateOnly RetainUntil { get; init; }
    public DateTime KeyDestroyedAt { get; init; }
    public DateTime? BlobsDeletedAt { get; set; }
    public List<DisposedRecord> Records { get; init; } = [];
    public List<RuleOutcome> Rules { get; init; } = [];

    /// <summary>The rule whose until-date was the retainUntil when the disposal was approved; null when no rule in force asked for that date (a rule shortened after the case closed) and on certificates older than this field.</summary>
    public string? GoverningRuleId => Rules.FirstOrDefault(r => r.Governing)?.Id;
}

/// <summary>
/// A record that was disposed of: what proves which record it was (id, kind, size, the SHA-256 of its content,
/// when it was developed and uploaded), and never its title. Certificates issued before kind, size and dates
/// were recorded hold only the id and digest; those fields are null there.
/// </summary>
public sealed record DisposedRecord(string RecordId, string? Kind, long? Size, string Sha256, DateOnly? DevelopedAt, DateTime? UploadedAt);
