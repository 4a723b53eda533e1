namespace RecordsVault.Core.Audit;

/// <summary>The single row naming the chain's last event. Appenders lock it first, which serializes them.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }

    /// <summary>
    /// The chain's random id (32 hex digits), given once: at the first checkpoint of a new chain, or of a chain from
    /// before ids existed. Checkpoints carry and sign it, and live under it in blob storage.
    /// </summary>
    public string? ChainId { get; set; }
}
