using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// The embedded KEK: an RSA-3072 key in <c>kek.pem</c>, wrapping with RSA-OAEP-SHA256; and an RSA-3072
/// signing key in <c>audit-signing.pem</c>, signing with RSA-PSS-SHA256.
/// </summary>
public sealed class LocalKeyProvider : IKeyProvider, IDisposable
{
    private readonly RSA rsa;
    private readonly RSA signing;

    public LocalKeyProvider(string keysPath)
    {
        rsa = PemKeyFile.LoadOrCreate(Path.Combine(keysPath, "kek.pem"), 3072);
        var thumbprint = SHA256.HashData(rsa.ExportSubjectPublicKeyInfo());
        KeyId = "local:" + Convert.ToHexStringLower(thumbprint.AsSpan(0, 8));
        signing = PemKeyFile.LoadOrCreate(Path.Combine(keysPath, "audit-signing.pem"), 3072);
        SigningKeyId = "local-signing:" + Convert.ToHexStringLower(SHA256.HashData(signing.ExportSubjectPublicKeyInfo()).AsSpan(0, 8));
    }

    /// <summary>The KEK's id: <c>local:</c> and the start of its public key's SHA-256.</summary>
    public string KeyId { get; }

    /// <summary>The signing key's id: <c>local-signing:</c> and the start of its public key's SHA-256.</summary>
    public string SigningKeyId { get; }

    public Task<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
        Task.FromResult(new WrappedKey(KeyId, rsa.Encrypt(key.Span, RSAEncryptionPadding.OaepSHA256)));

    public Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken)
    {
        if (keyId != KeyId)
        {
            throw new CryptographicException($"Key {keyId} is not held by this provider ({KeyId}).");
        }

        return Task.FromResult(rsa.Decrypt(wrappedKey.Span, RSAEncryptionPadding.OaepSHA256));
    }

    public Task<KeySignature> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Task.FromResult(new KeySignature(SigningKeyId, signing.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));

    public Task<bool> VerifyAsync(string keyId, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken) =>
        Task.FromResult(keyId == SigningKeyId && signing.VerifyData(data.Span, signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

    public void Dispose()
    {
        rsa.Dispose();
        signing.Dispose();
    }
}
