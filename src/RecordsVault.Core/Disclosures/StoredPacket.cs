namespace RecordsVault.Core.Disclosures;

/// <summary>
/// A rendered packet, stored once, encrypted under its own key, and served byte for byte thereafter:
/// the record of exactly what was disclosed.
/// </summary>
public sealed class StoredPacket
{
    public required string BlobName { get; init; }
    public required string Sha256 { get; init; }
    public long Size { get; init; }
    public required string KekId { get; init; }
    public required byte[] WrappedKey { get; init; }
    public DateTime RenderedAt { get; init; }
}

/// <summary>A record as it was when a packet was made: what the packet and bundle promise to contain.</summary>
public sealed record DisclosedRecord(string RecordId, string CaseId, string Sha256);
