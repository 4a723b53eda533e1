namespace RecordsVault.Core.Disclosures;

/// <summary>An ORR official's request for case files (ORR guide 6.2.5), optionally for a designee.</summary>
public sealed class DisclosureRequest
{
    public required string Id { get; init; }
    public required string RequestedBy { get; init; }
    public required string Purpose { get; init; }
    public string? DesigneeSub { get; init; }

    /// <summary>When the designee's access ends; set whenever a designee is named.</summary>
    public DateTime? DesigneeAccessUntil { get; set; }

    public DateTime CreatedAt { get; init; }
    public List<string> CaseIds { get; init; } = [];
    public List<DisclosedRecord> Records { get; init; } = [];
    public StoredPacket? Packet { get; set; }
}
