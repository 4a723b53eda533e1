namespace RecordsVault.Infrastructure.Credentials;

/// <summary><c>Vault:Azure</c>: how the service signs in to Azure (Key Vault, blob storage).</summary>
public sealed class AzureCredentialOptions
{
    public const string Section = "Vault:Azure";

    /// <summary>The client id of the user-assigned managed identity; defaults to <c>AZURE_CLIENT_ID</c>, as the template sets it.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
