namespace RecordsVault.Core.Cases;

/// <summary>A child's post-release services case file, owned by one provider organization.</summary>
public sealed class Case
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string CaseNumber { get; set; }
    public required string State { get; set; }
    public DateOnly ReleaseDate { get; set; }

    /// <summary>Null once the case is disposed of: the tombstone keeps no personal data.</summary>
    public DateOnly? ChildDateOfBirth { get; set; }

    public PrsType PrsType { get; set; }
    public int PrsLevel { get; set; }
    public CaseLifecycle Lifecycle { get; set; } = CaseLifecycle.Open;
    public DateOnly? ServicePeriodEnd { get; set; }
    public DateOnly? RetainUntil { get; set; }
    public string? ClosedReason { get; set; }
    public string? DispositionRequestedBy { get; set; }
    public DateTime? DispositionRequestedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>Optimistic concurrency token: bumped by every change, so racing writers cannot both win.</summary>
    public long Version { get; set; }
}
