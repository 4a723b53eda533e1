using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>The embedded KEK: an RSA-3072 key in <c>kek.pem</c>, wrapping with RSA-OAEP-SHA256.</summary>
public sealed class LocalKeyProvider : IKeyProvider, IDisposable
{
    private readonly RSA rsa;

    public LocalKeyProvider(string keysPath)
    {
        rsa = PemKeyFile.LoadOrCreate(Path.Combine(keysPath, "kek.pem"), 3072);
        var thumbprint = SHA256.HashData(rsa.ExportSubjectPublicKeyInfo());
        KeyId = "local:" + Convert.ToHexStringLower(thumbprint.AsSpan(0, 8));
    }

    public string KeyId { get; }

    public Task<byte[]> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
        Task.FromResult(rsa.Encrypt(key.Span, RSAEncryptionPadding.OaepSHA256));

    public Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken)
    {
        if (keyId != KeyId)
        {
            throw new CryptographicException($"Key {keyId} is not held by this provider ({KeyId}).");
        }

        return Task.FromResult(rsa.Decrypt(wrappedKey.Span, RSAEncryptionPadding.OaepSHA256));
    }

    public void Dispose() => rsa.Dispose();
}
