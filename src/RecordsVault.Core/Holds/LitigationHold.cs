namespace RecordsVault.Core.Holds;

/// <summary>A litigation hold: while active, none of its cases may move towards disposal.</summary>
public sealed class LitigationHold
{
    public required string Id { get; init; }
    public required string Matter { get; init; }
    public required string Reason { get; init; }
    public required string CreatedBy { get; init; }
    public required string CreatedByOrganization { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
    public string? Resolution { get; set; }
    public List<HoldCase> Cases { get; init; } = [];

    public bool IsActive => ReleasedAt is null;
}

/// <summary>One case under one hold.</summary>
public sealed class HoldCase
{
    public required string HoldId { get; init; }
    public required string CaseId { get; init; }
}
