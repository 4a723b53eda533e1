using RecordsVault.Core.Signing;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// Holds the key-encryption key (KEK) and the audit-signing key. Case keys are stored only as this provider wraps them.
/// The local provider keeps RSA key files; the Key Vault provider keeps both keys in Azure Key Vault.
/// </summary>
public interface IKeyProvider
{
    /// <summary>
    /// Wraps under the current KEK version. The result names that version: a KEK can rotate between two calls, so the
    /// id stored beside a wrapped key must come from the wrap itself.
    /// </summary>
    Task<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken);

    /// <summary>Unwraps with the KEK version <paramref name="keyId"/> that wrapped the key.</summary>
    Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken);

    /// <summary>Signs data (audit checkpoints) with the signing key, a separate key from the KEK, so one key never both encrypts and signs.</summary>
    Task<KeySignature> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>False for a bad signature or a key this provider does not know.</summary>
    Task<bool> VerifyAsync(string keyId, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken);

    /// <summary>The public half of every signing key version still in use: what the vault publishes, so its receipts and exports can be checked offline.</summary>
    Task<IReadOnlyList<SigningPublicKey>> SigningPublicKeysAsync(CancellationToken cancellationToken);
}
