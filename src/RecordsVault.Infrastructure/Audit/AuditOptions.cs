using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Audit;

/// <summary><c>Vault:Audit</c>: how often the chain head is signed, and where the signed checkpoints go.</summary>
public sealed class AuditOptions
{
    public const string Section = "Vault:Audit";

    /// <summary>A checkpoint is written once this many events have been appended since the last one.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Vault:Audit:CheckpointEvery must be between 1 and 10,000,000 events.")]
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>And at least this often while events keep coming.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Vault:Audit:CheckpointInterval must be between 1 second and 1 day.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The blob container of the checkpoints: separate from the records, and from the database.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Vault:Audit:CheckpointContainer must be a valid container name.")]
    public string CheckpointContainer { get; set; } = "audit-checkpoints";
}
