namespace RecordsVault.Core.Audit;

/// <summary>One audited API action, a link of the hash chain. It holds ids and names only: never content, titles or child data.</summary>
public sealed class AuditEvent
{
    /// <summary>1 for the first event, then without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>UTC, to the millisecond (the precision both databases keep).</summary>
    public DateTime OccurredAt { get; init; }

    public required string ActorSub { get; init; }
    public required string ActorOrg { get; init; }

    /// <summary>The caller's roles, sorted ordinally and joined with commas.</summary>
    public required string ActorRoles { get; init; }

    /// <summary>What was attempted, e.g. <c>case.read</c> or <c>record.content</c>.</summary>
    public required string Action { get; init; }

    public AuditOutcome Outcome { get; init; }

    /// <summary>The cases the action touched, sorted and joined with commas; empty when none.</summary>
    public required string CaseIds { get; init; }

    /// <summary>The actor's organization and those owning the touched cases, as ",a,b," so a scope filter can match whole names.</summary>
    public required string Organizations { get; init; }

    public required string RecordId { get; init; }

    /// <summary>Another target, such as a hold id; empty when none.</summary>
    public required string TargetId { get; init; }

    public required string ClientAddress { get; init; }
    public required string RequestId { get; init; }

    /// <summary>Lowercase hex of the previous event's hash; 64 zeros for the first event.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>Lowercase hex of SHA-256(previous hash bytes || canonical bytes); set once the other fields are.</summary>
    public string Hash { get; set; } = string.Empty;
}
