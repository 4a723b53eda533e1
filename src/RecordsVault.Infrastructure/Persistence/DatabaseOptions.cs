using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary><c>Vault:Database</c>: which engine holds the metadata, and how to reach it.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Vault:Database";

    /// <summary><c>Sqlite</c> (embedded default, at <c>$VAULT_DATA/vault.db</c>) or <c>Postgres</c>.</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Vault:Database:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Required for Postgres; for Sqlite it defaults to the file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// <c>Password</c>: whatever the connection string says. <c>EntraId</c> (Postgres only): the password is a Microsoft
    /// Entra access token from the service's Azure credential (its managed identity), fetched again every
    /// <see cref="PasswordRefresh"/>, so no secret is configured anywhere.
    /// </summary>
    [RegularExpression("^(Password|EntraId)$", ErrorMessage = "Vault:Database:Authentication must be 'Password' or 'EntraId'.")]
    public string Authentication { get; set; } = Password;

    /// <summary>How often the Entra token used as the password is asked for again; the credential answers from its cache until the token nears expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Vault:Database:PasswordRefresh must be between 1 second and 30 minutes.")]
    public TimeSpan PasswordRefresh { get; set; } = TimeSpan.FromMinutes(5);

    public const string Password = "Password";
    public const string EntraId = "EntraId";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == "Postgres" && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Vault:Database:ConnectionString is required when Vault:Database:Provider is 'Postgres'.");
        }

        if (Authentication == EntraId && Provider != "Postgres")
        {
            yield return new ValidationResult("Vault:Database:Authentication 'EntraId' needs Vault:Database:Provider 'Postgres'.");
        }

        if (Authentication == EntraId && HasPassword(ConnectionString))
        {
            yield return new ValidationResult(
                "Vault:Database:ConnectionString must not carry a Password when Vault:Database:Authentication is 'EntraId': the password is the Entra token.");
        }
    }

    /// <summary>True when the connection string sets a password (<c>Password</c> or its alias <c>PWD</c>).</summary>
    public static bool HasPassword(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("Password", out var password) && password is string { Length: > 0 }
                || builder.TryGetValue("PWD", out var pwd) && pwd is string { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false; // a malformed string is the driver's to refuse, with its own message
        }
    }
}
