using Azure.Core;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>Options of <see cref="KeyVaultKeyClient"/>: Azure.Core's retry, diagnostics and transport, plus Key Vault's own.</summary>
public sealed class KeyVaultClientOptions : ClientOptions
{
    /// <summary>The Key Vault REST API version spoken.</summary>
    public const string ApiVersion = "7.5";

    /// <summary>
    /// Accept a challenge whose resource is neither the vault's host nor a parent domain of it. Only for a test
    /// server: in Azure it would let a look-alike endpoint obtain a token for another resource.
    /// </summary>
    public bool DisableChallengeResourceVerification { get; set; }

    /// <summary>The longest one operation may take, every retry and the token request included.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
