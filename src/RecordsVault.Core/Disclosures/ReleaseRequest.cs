namespace RecordsVault.Core.Disclosures;

/// <summary>Where a provider's release to a third party stands.</summary>
public enum ReleaseStatus
{
    /// <summary>It includes ORR-owned records: nothing can be fetched until ORR approves (ORR guide 6.2.5).</summary>
    PendingOrrApproval,

    /// <summary>Grantee records only, or approved by ORR: the packet can be fetched.</summary>
    Available,
}

/// <summary>A provider's release of records to a third party.</summary>
public sealed class ReleaseRequest
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string RequestedBy { get; init; }
    public required string Recipient { get; init; }
    public required string Purpose { get; init; }
    public ReleaseStatus Status { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public List<DisclosedRecord> Records { get; init; } = [];
    public StoredPacket? Packet { get; set; }
}
