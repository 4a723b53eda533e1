namespace RecordsVault.Core.Audit;

/// <summary>A signing key version this chain's checkpoints were signed with: verification accepts these, and no other.</summary>
public sealed class AuditSigningKey
{
    public required string KeyId { get; init; }
    public DateTime RegisteredAt { get; init; }
}
