namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// Holds the key-encryption key (KEK). Case keys are stored only as this provider wraps them.
/// The local provider keeps an RSA key file; a Key Vault provider can replace it behind this interface.
/// </summary>
public interface IKeyProvider
{
    /// <summary>Identifies the KEK version that wrapped a key, stored beside each wrapped key.</summary>
    string KeyId { get; }

    Task<byte[]> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken);

    Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken);

    /// <summary>Identifies the signing key; a separate key from the KEK, so one key never both encrypts and signs.</summary>
    string SigningKeyId { get; }

    /// <summary>Signs data (audit checkpoints) with the key named by <see cref="SigningKeyId"/>.</summary>
    Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>False for a bad signature or a key this provider does not know.</summary>
    Task<bool> VerifyAsync(string keyId, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken);
}
