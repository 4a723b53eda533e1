using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Retention;

/// <summary><c>Vault:Retention</c>: how often and in what batches the sweep runs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Vault:Retention";

    /// <summary>Time between timed sweeps; the first runs one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Vault:Retention:SweepInterval must be between 1 second and 30 days.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Cases read per batch; bounds the sweep's memory whatever the number of cases.</summary>
    [Range(1, 100_000)]
    public int SweepBatchSize { get; set; } = 1000;
}
