using Microsoft.Extensions.Configuration;
using RecordsVault.Api;
using RecordsVault.Tests;

namespace RecordsVault.ApiTests;

/// <summary>In Production the vault refuses local keys, local tokens, a blob connection string and a database password, naming each.</summary>
public sealed class ProductionSettingsTests
{
    [Fact]
    public async Task Production_refuses_the_local_defaults_naming_every_setting()
    {
        var (exitCode, output) = await VaultProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Vault:Database:Provider"] = "Postgres",
            ["Vault:Database:ConnectionString"] = "Host=db.example;Username=vault;Password=not-a-secret-here",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Vault:Keys:Provider is 'Local'", output, StringComparison.Ordinal);
        Assert.Contains("Vault:Identity:Mode is 'Local'", output, StringComparison.Ordinal);
        Assert.Contains("Vault:Blob:ConnectionString is set", output, StringComparison.Ordinal);
        Assert.Contains("Vault:Database:ConnectionString carries a Password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret-here", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_environment_runs_the_same_settings()
    {
        // The positive control: the same process and defaults, without Production, get past the check (and are then
        // stopped by a bad setting of another kind, so the test does not have to run a whole vault).
        var (exitCode, output) = await VaultProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Vault:Uploads:MaxBytes"] = "0",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MaxBytes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("In Production this is refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_azure_configuration_has_nothing_to_refuse()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vault:Keys:Provider"] = "KeyVault",
            ["Vault:Keys:KeyVaultUri"] = "https://kv-vault.vault.azure.net/",
            ["Vault:Identity:Mode"] = "EntraId",
            ["Vault:Blob:ServiceUri"] = "https://stvault.blob.core.windows.net/",
            ["Vault:Database:Provider"] = "Postgres",
            ["Vault:Database:ConnectionString"] = "Host=psql-vault.postgres.database.azure.com;Database=vault;Username=id-vault;Ssl Mode=VerifyFull",
            ["Vault:Database:Authentication"] = "EntraId",
        }).Build();

        Assert.Empty(ProductionSettings.Problems(configuration));
    }

    [Theory]
    [InlineData("Host=h;Username=u;Password=p", true)]
    [InlineData("Host=h;Username=u;PWD=p", true)]
    [InlineData("Host=h;Username=u", false)]
    [InlineData("Host=h;Username=u;Password=", false)]
    public void A_password_is_found_under_either_name(string connectionString, bool hasPassword) =>
        Assert.Equal(hasPassword, Infrastructure.Persistence.DatabaseOptions.HasPassword(connectionString));
}
