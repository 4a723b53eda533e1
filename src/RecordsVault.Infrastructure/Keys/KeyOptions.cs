using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Keys;

/// <summary><c>Vault:Keys</c>: which key provider holds the KEK.</summary>
public sealed class KeyOptions
{
    public const string Section = "Vault:Keys";

    /// <summary><c>Local</c>: an RSA-3072 key file under <c>$VAULT_DATA/keys</c>.</summary>
    [Required]
    [RegularExpression("^Local$", ErrorMessage = "Vault:Keys:Provider must be 'Local' (the only provider built so far).")]
    public string Provider { get; set; } = "Local";

    /// <summary>Folder of the local key files; defaults to <c>$VAULT_DATA/keys</c>.</summary>
    public string? Path { get; set; }
}
