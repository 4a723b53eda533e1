using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary><c>Vault:Database</c>: which engine holds the metadata, and how to reach it.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Vault:Database";

    /// <summary><c>Sqlite</c> (embedded default, at <c>$VAULT_DATA/vault.db</c>) or <c>Postgres</c>.</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Vault:Database:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Required for Postgres; for Sqlite it defaults to the file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "Postgres" && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Vault:Database:ConnectionString is required when Vault:Database:Provider is 'Postgres'.");
        }
    }
}
