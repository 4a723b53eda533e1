namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>The vault's 401 challenge named a resource that is not the vault's own, so no token was requested for it.</summary>
public sealed class KeyVaultChallengeException(string message) : InvalidOperationException(message);
