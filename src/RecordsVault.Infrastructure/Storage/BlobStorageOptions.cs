using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Storage;

/// <summary><c>Vault:Blob</c>: where encrypted record content goes.</summary>
public sealed class BlobStorageOptions : IValidatableObject
{
    public const string Section = "Vault:Blob";

    /// <summary>For Azurite and development. Production uses <see cref="ServiceUri"/> and a managed identity.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, reached with <c>DefaultAzureCredential</c>.</summary>
    public Uri? ServiceUri { get; set; }

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Vault:Blob:Container must be a valid container name.")]
    public string Container { get; set; } = "records";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == (ServiceUri is null))
        {
            yield return new ValidationResult(
                "Set exactly one of Vault:Blob:ConnectionString (Azurite, development) or Vault:Blob:ServiceUri (Azure, managed identity).");
        }
    }
}
