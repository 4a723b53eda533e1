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
}
