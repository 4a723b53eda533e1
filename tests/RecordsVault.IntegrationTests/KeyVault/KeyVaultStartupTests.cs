using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyVault;

/// <summary>A Key Vault configuration that cannot be right stops the service at start, naming the setting.</summary>
public sealed class KeyVaultStartupTests
{
    [Theory]
    [InlineData("http://rv-test.vault.azure.net/", "vault-kek", "Vault:Keys:KeyVaultUri must be an https URI")]
    [InlineData("", "vault-kek", "Vault:Keys:KeyVaultUri is required")]
    [InlineData("https://rv-test.vault.azure.net/", "audit-signing", "Vault:Keys:KekName and Vault:Keys:SigningKeyName must differ")]
    public async Task Key_Vault_setting_that_cannot_work_stops_the_service_naming_it(string vaultUri, string kekName, string message)
    {
        var (exitCode, output) = await VaultProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Vault:Keys:Provider"] = "KeyVault",
            ["Vault:Keys:KeyVaultUri"] = vaultUri,
            ["Vault:Keys:KekName"] = kekName,
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_keys_beside_Azure_blob_storage_stop_the_service()
    {
        var (exitCode, output) = await VaultProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Vault:Blob:ConnectionString"] = "",
            ["Vault:Blob:ServiceUri"] = "https://rvtest.blob.core.windows.net/",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Vault:Keys:Provider is 'Local' while the content goes to Azure blob storage", output, StringComparison.Ordinal);
    }
}
