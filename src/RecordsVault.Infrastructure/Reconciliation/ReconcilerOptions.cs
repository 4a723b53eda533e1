using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Reconciliation;

/// <summary><c>Vault:Reconciler</c>: how often orphan blobs are looked for, and how old one must be to go.</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "Vault:Reconciler";

    /// <summary>Time between timed runs; the first runs one period after start.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Vault:Reconciler:Period must be between 1 minute and 7 days.")]
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A blob written more recently than this is never removed: its row may be about to commit. A blob is written
    /// at the end of its upload, just before its row commits, so minutes are plenty; the default leaves a day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "365.00:00:00", ErrorMessage = "Vault:Reconciler:Grace must be between 10 minutes and 365 days.")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(1);
}
