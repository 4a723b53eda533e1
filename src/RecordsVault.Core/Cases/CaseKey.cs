namespace RecordsVault.Core.Cases;

/// <summary>A case's AES-256 key, held only wrapped by the key-encryption key; destroying it shreds the case.</summary>
public sealed class CaseKey
{
    public required string CaseId { get; init; }
    public required string KekId { get; init; }
    public byte[]? WrappedKey { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DestroyedAt { get; set; }
}
