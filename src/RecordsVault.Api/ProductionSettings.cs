using Microsoft.Extensions.Options;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Api;

/// <summary>
/// In the <c>Production</c> environment (ASP.NET Core's default when <c>ASPNETCORE_ENVIRONMENT</c> is unset) the vault
/// refuses to start with a secret or a key on its own disk or in its configuration: local key files, tokens it signs
/// itself, a blob connection string (an account key, a SAS or Azurite), or a database password. The scripts of this
/// repository run the vault in the <c>Local</c> environment instead.
/// </summary>
public sealed class ProductionSettings(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<ProductionSettings.Check>
{
    /// <summary>Nothing to bind: the options type the check hangs on, so it runs with the others at start.</summary>
    public sealed class Check;

    public ValidateOptionsResult Validate(string? name, Check options)
    {
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        var problems = Problems(configuration).ToList();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(problem =>
                $"{problem} In Production this is refused; for a vault on this machine set ASPNETCORE_ENVIRONMENT=Local."));
    }

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        if ((configuration["Vault:Keys:Provider"] ?? KeyOptions.Local) == KeyOptions.Local)
        {
            yield return "Vault:Keys:Provider is 'Local' (the default): the KEK and the signing key would be files on this host. Set it to 'KeyVault'.";
        }

        if ((configuration["Vault:Identity:Mode"] ?? "Local") == "Local")
        {
            yield return "Vault:Identity:Mode is 'Local' (the default): the vault would accept tokens it signs itself. Set it to 'EntraId'.";
        }

        if (!string.IsNullOrWhiteSpace(configuration["Vault:Blob:ConnectionString"]))
        {
            yield return "Vault:Blob:ConnectionString is set: a connection string carries an account key or a SAS (or names Azurite). "
                + "Set Vault:Blob:ServiceUri, reached with the managed identity, instead.";
        }

        if (DatabaseOptions.HasPassword(configuration["Vault:Database:ConnectionString"]))
        {
            yield return "Vault:Database:ConnectionString carries a Password. Set Vault:Database:Authentication to 'EntraId' and leave the password out.";
        }
    }
}
