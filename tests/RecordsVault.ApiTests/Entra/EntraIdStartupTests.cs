using RecordsVault.Tests;

namespace RecordsVault.ApiTests.Entra;

/// <summary>An EntraId vault whose AzureAd section could not work, or would trust other tenants, refuses to start.</summary>
public sealed class EntraIdStartupTests
{
    [Theory]
    [InlineData("AzureAd:ClientId", "", "missing: AzureAd:ClientId")]
    [InlineData("AzureAd:Instance", "http://login.microsoftonline.com/", "AzureAd:Instance must be an absolute https URL")]
    [InlineData("AzureAd:TenantId", "common", "AzureAd:TenantId must name the vault's own tenant")]
    [InlineData("AzureAd:TenantId", "Organizations", "AzureAd:TenantId must name the vault's own tenant")]
    public void Bad_azure_ad_setting_stops_the_service_naming_it(string key, string value, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["Vault:Identity:Mode"] = "EntraId",
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "8f3c1a52-5d1e-4a8b-9a61-2b7f0d4c9e11",
            ["AzureAd:ClientId"] = "0b6c5a1e-4d2f-4c3b-8e7a-9f1d2c3b4a5e",
        };
        settings[key] = value;
        using var factory = new VaultFactory(settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
