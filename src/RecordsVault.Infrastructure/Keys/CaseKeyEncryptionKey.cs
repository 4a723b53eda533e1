using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// A case's AES-256 key acting as the blob SDK's key-encryption key: it wraps each blob's content key
/// with AES key wrap with padding (RFC 5649).
/// </summary>
public sealed class CaseKeyEncryptionKey(string keyId, byte[] key) : IKeyEncryptionKey, IDisposable
{
    public const string Algorithm = "A256KWP";

    private readonly Aes aes = CreateAes(key);

    public string KeyId { get; } = keyId;

    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        RequireAlgorithm(algorithm);
        return aes.EncryptKeyWrapPadded(key.Span);
    }

    public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        Task.FromResult(WrapKey(algorithm, key, cancellationToken));

    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
    {
        RequireAlgorithm(algorithm);
        return aes.DecryptKeyWrapPadded(encryptedKey.Span);
    }

    public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

    public void Dispose() => aes.Dispose();

    private static Aes CreateAes(byte[] key)
    {
        var aes = Aes.Create();
        aes.Key = key;
        CryptographicOperations.ZeroMemory(key);
        return aes;
    }

    private static void RequireAlgorithm(string algorithm)
    {
        if (algorithm != Algorithm)
        {
            throw new CryptographicException($"Unsupported key wrap algorithm '{algorithm}'.");
        }
    }
}
