using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Api.Identity;

/// <summary><c>Vault:Identity</c>: who issues the bearer tokens the API accepts.</summary>
public sealed class VaultIdentityOptions
{
    public const string Section = "Vault:Identity";

    /// <summary><c>Local</c>: tokens signed by a key under <c>$VAULT_DATA/keys</c>. <c>EntraId</c>: Microsoft.Identity.Web and the <c>AzureAd</c> section.</summary>
    [Required]
    [RegularExpression("^(Local|EntraId)$", ErrorMessage = "Vault:Identity:Mode must be 'Local' or 'EntraId'.")]
    public string Mode { get; set; } = "Local";

    [Required]
    public string Issuer { get; set; } = "https://recordsvault.local/";

    [Required]
    public string Audience { get; set; } = "api://recordsvault";

    /// <summary>The claim that names the caller's organization; Entra tenants may map it under another name.</summary>
    [Required]
    public string OrgClaim { get; set; } = "org";

    /// <summary>The local signing key's PEM file; defaults to <c>$VAULT_DATA/keys/token-signing.pem</c>.</summary>
    public string? SigningKeyPath { get; set; }

    public bool IsLocal => Mode == "Local";
}
