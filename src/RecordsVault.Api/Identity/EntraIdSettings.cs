using Microsoft.Extensions.Options;

namespace RecordsVault.Api.Identity;

/// <summary>
/// Checks the <c>AzureAd</c> section at start when <c>Vault:Identity:Mode</c> is <c>EntraId</c>: Microsoft.Identity.Web
/// itself would only fail on the first request.
/// </summary>
public sealed class EntraIdSettings(IConfiguration configuration) : IValidateOptions<VaultIdentityOptions>
{
    public const string Section = "AzureAd";

    /// <summary>Entra's multi-tenant endpoints: they accept any tenant's tokens, and with them any tenant's roles and org.</summary>
    private static readonly string[] MultiTenant = ["common", "organizations", "consumers"];

    public ValidateOptionsResult Validate(string? name, VaultIdentityOptions options)
    {
        if (options.Mode != "EntraId")
        {
            return ValidateOptionsResult.Success;
        }

        var section = configuration.GetSection(Section);
        string[] required = ["Instance", "TenantId", "ClientId"];
        var missing = required.Where(key => string.IsNullOrWhiteSpace(section[key])).Select(key => $"{Section}:{key}").ToList();
        if (missing.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"Vault:Identity:Mode 'EntraId' needs AzureAd:Instance, AzureAd:TenantId and AzureAd:ClientId; missing: {string.Join(", ", missing)}.");
        }

        // The signing keys are fetched from the instance: over plain http anyone on the path could publish their own.
        if (!Uri.TryCreate(section["Instance"], UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail(
                "AzureAd:Instance must be an absolute https URL, e.g. https://login.microsoftonline.com/: the vault fetches the issuer's signing keys from it.");
        }

        if (MultiTenant.Contains(section["TenantId"]!.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                "AzureAd:TenantId must name the vault's own tenant (its id), not 'common', 'organizations' or 'consumers': " +
                "the vault trusts the roles and org claims of its own tenant's tokens only.");
        }

        return ValidateOptionsResult.Success;
    }
}
