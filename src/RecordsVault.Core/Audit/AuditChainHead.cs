namespace RecordsVault.Core.Audit;

/// <summary>The single row naming the chain's last event. Appenders lock it first, which serializes them.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public long LastSequence { get; set; }
    public required string LastHash { get; set; }
}
