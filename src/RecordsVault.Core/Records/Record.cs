namespace RecordsVault.Core.Records;

/// <summary>One document of a case file; its content lives encrypted in blob storage under <see cref="BlobName"/>.</summary>
public sealed class Record
{
    public required string Id { get; init; }
    public required string CaseId { get; init; }
    public required string BlobName { get; init; }

    /// <summary>
    /// The title in clear, in memory only: set when the record is created or its <see cref="SealedTitle"/> is
    /// revealed; null when it cannot be read any more (the case key was destroyed by disposal).
    /// </summary>
    public string? Title { get; set; }

    /// <summary>The title encrypted under the case's key (nonce, ciphertext, tag); what the database holds.</summary>
    public byte[]? SealedTitle { get; set; }

    public required string Kind { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    public required string Sha256 { get; init; }
    public DateOnly DevelopedAt { get; init; }
    public Ownership Ownership { get; init; }
    public DateTime UploadedAt { get; init; }
    public required string UploadedBy { get; init; }

    /// <summary>
    /// Set when a delete commits: from then on the row is hidden from every read, while its blob and then the
    /// row itself are removed (by the request, or by the reconciler after a crash).
    /// </summary>
    public DateTime? DeletingAt { get; set; }
}
