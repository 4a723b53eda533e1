using Microsoft.Extensions.Configuration;

namespace RecordsVault.Infrastructure;

/// <summary>Where the vault keeps local state: <c>VAULT_DATA</c>, or <c>Vault:DataPath</c>, default <c>./.vault-data</c>.</summary>
public sealed record VaultPaths(string DataPath)
{
    public string KeysPath => Path.Combine(DataPath, "keys");

    public string SqlitePath => Path.Combine(DataPath, "vault.db");

    public static VaultPaths From(IConfiguration configuration)
    {
        var configured = configuration["Vault:DataPath"] ?? configuration["VAULT_DATA"];
        var path = string.IsNullOrWhiteSpace(configured) ? ".vault-data" : configured;
        return new VaultPaths(Path.GetFullPath(path));
    }
}
