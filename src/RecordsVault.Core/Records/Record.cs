namespace RecordsVault.Core.Records;

/// <summary>One document of a case file; its content lives encrypted in blob storage under <see cref="BlobName"/>.</summary>
public sealed class Record
{
    public required string Id { get; init; }
    public required string CaseId { get; init; }
    public required string BlobName { get; init; }
    public required string Title { get; init; }
    public required string Kind { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    public required string Sha256 { get; init; }
    public DateOnly DevelopedAt { get; init; }
    public Ownership Ownership { get; init; }
    public DateTime UploadedAt { get; init; }
    public required string UploadedBy { get; init; }
}
