using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RecordsVault.Infrastructure.Credentials;

public static class AzureCredentials
{
    /// <summary>
    /// One <see cref="TokenCredential"/> for every Azure client (Key Vault, blob storage): <c>DefaultAzureCredential</c>,
    /// with the managed identity named by <c>Vault:Azure:ManagedIdentityClientId</c> or <c>AZURE_CLIENT_ID</c>. It is
    /// built on first use only, so a vault on Azurite and local keys never looks for a credential.
    /// </summary>
    public static IServiceCollection AddAzureCredential(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureCredentialOptions>().BindConfiguration(AzureCredentialOptions.Section);
        services.TryAddSingleton<TokenCredential>(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = sp.GetRequiredService<IOptions<AzureCredentialOptions>>().Value.ManagedIdentityClientId
                ?? (configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId ? clientId : null),
        }));
        return services;
    }
}
