using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>A misconfigured vault refuses to start, and the message names the setting.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Vault:Database:Provider", "Oracle", "Vault:Database:Provider")]
    [InlineData("Vault:Database:Authentication", "Kerberos", "Vault:Database:Authentication")]
    [InlineData("Vault:Database:Authentication", "EntraId", "Vault:Database:Provider 'Postgres'")]
    [InlineData("Vault:Identity:Mode", "EntraId", "AzureAd:TenantId")]
    [InlineData("Vault:Identity:Mode", "Anonymous", "Vault:Identity:Mode")]
    [InlineData("Vault:Blob:ServiceUri", "https://example.blob.core.windows.net/", "Vault:Blob:ConnectionString")]
    [InlineData("Vault:Keys:Provider", "Plaintext", "Vault:Keys:Provider")]
    [InlineData("Vault:Uploads:MaxBytes", "0", "MaxBytes")]
    [InlineData("Vault:Transfers:MaxConcurrent", "0", "MaxConcurrent")]
    [InlineData("Vault:Transfers:QueueLimit", "-1", "QueueLimit")]
    [InlineData("Vault:Retention:SweepInterval", "00:00:00", "Vault:Retention:SweepInterval")]
    [InlineData("Vault:Disclosures:DesigneeAccessDays", "0", "DesigneeAccessDays")]
    public async Task Bad_setting_stops_the_service_naming_it(string key, string value, string named)
    {
        var (exitCode, output) = await VaultProcess.RunUntilExitAsync(new Dictionary<string, string> { [key] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }
}
