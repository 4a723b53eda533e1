using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Keys;

/// <summary><c>Vault:Keys</c>: which key provider holds the KEK and the audit-signing key, and how long case keys stay unwrapped.</summary>
public sealed class KeyOptions : IValidatableObject
{
    public const string Section = "Vault:Keys";
    public const string Local = "Local";
    public const string KeyVault = "KeyVault";

    /// <summary><c>Local</c>: RSA-3072 key files under <c>$VAULT_DATA/keys</c>. <c>KeyVault</c>: both keys in Azure Key Vault.</summary>
    [Required]
    [RegularExpression("^(Local|KeyVault)$", ErrorMessage = "Vault:Keys:Provider must be 'Local' or 'KeyVault'.")]
    public string Provider { get; set; } = Local;

    /// <summary>Folder of the local key files; defaults to <c>$VAULT_DATA/keys</c>.</summary>
    public string? Path { get; set; }

    /// <summary>For <c>KeyVault</c>: the vault, e.g. <c>https://kv-recordsvault.vault.azure.net/</c>; https only.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>For <c>KeyVault</c>: the KEK (wrapKey and unwrapKey, RSA-OAEP-256).</summary>
    [RegularExpression("^[0-9a-zA-Z-]{1,127}$", ErrorMessage = "Vault:Keys:KekName must be a Key Vault key name (letters, digits and dashes).")]
    public string KekName { get; set; } = "vault-kek";

    /// <summary>For <c>KeyVault</c>: the audit-signing key (sign and verify, PS256).</summary>
    [RegularExpression("^[0-9a-zA-Z-]{1,127}$", ErrorMessage = "Vault:Keys:SigningKeyName must be a Key Vault key name (letters, digits and dashes).")]
    public string SigningKeyName { get; set; } = "audit-signing";

    /// <summary>For a Key Vault test server only: accept a 401 challenge naming a resource that is not the vault's host.</summary>
    public bool DisableChallengeResourceVerification { get; set; }

    /// <summary>The longest one Key Vault operation may take, retries included; after it the request answers 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Vault:Keys:Timeout must be between 0.1 seconds and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a Key Vault call that was throttled (429), failed (5xx, network) or timed out.</summary>
    [Range(0, 10, ErrorMessage = "Vault:Keys:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// For <c>KeyVault</c>: how long the newest key version is used before asking Key Vault again, so a rotation (by
    /// <c>keys rotate</c> or by the key's rotation policy) is picked up within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Vault:Keys:KekRefreshInterval must be between 0 and 1 hour.")]
    public TimeSpan KekRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a KEK version must have been superseded before <c>keys retire</c> accepts it: longer than
    /// <see cref="KekRefreshInterval"/> plus the longest request, so no instance still wraps a new key under it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Vault:Keys:RetireGracePeriod must be between 0 and 7 days.")]
    public TimeSpan RetireGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an unwrapped case key stays in memory after its unwrap (never longer); zero turns the cache off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Vault:Keys:CaseKeyCacheLifetime must be between 0 and 1 hour.")]
    public TimeSpan CaseKeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many unwrapped case keys are kept at most; the least recently used goes first. Zero turns the cache off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Vault:Keys:CaseKeyCacheSize must be between 0 and 1,000,000.")]
    public int CaseKeyCacheSize { get; set; } = 1000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != KeyVault)
        {
            yield break;
        }

        if (KeyVaultUri is null)
        {
            yield return new ValidationResult("Vault:Keys:KeyVaultUri is required when Vault:Keys:Provider is 'KeyVault'.");
        }
        else if (!KeyVaultUri.IsAbsoluteUri || KeyVaultUri.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult(
                $"Vault:Keys:KeyVaultUri must be an https URI, such as https://kv-recordsvault.vault.azure.net/ (bearer tokens and keys never travel in clear text); it is '{KeyVaultUri}'.");
        }

        if (string.Equals(KekName, SigningKeyName, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("Vault:Keys:KekName and Vault:Keys:SigningKeyName must differ: one key never both encrypts and signs.");
        }
    }
}
