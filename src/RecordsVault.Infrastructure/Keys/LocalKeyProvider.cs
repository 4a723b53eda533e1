using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// The embedded KEK: RSA-3072 key files, one per version (<see cref="LocalKekFiles"/>), wrapping with
/// RSA-OAEP-SHA256; and an RSA-3072 signing key in <c>audit-signing.pem</c>, signing with RSA-PSS-SHA256.
/// </summary>
public sealed class LocalKeyProvider : IKeyProvider, IKekVersions, IDisposable
{
    private readonly LocalKekFiles kek;
    private readonly RSA signing;

    public LocalKeyProvider(string keysPath)
    {
        kek = new LocalKekFiles(keysPath);
        kek.CurrentVersion(); // a new vault gets its first KEK version now, not on the first upload
        signing = PemKeyFile.LoadOrCreate(Path.Combine(keysPath, "audit-signing.pem"), 3072);
        SigningKeyId = "local-signing:" + Convert.ToHexStringLower(SHA256.HashData(signing.ExportSubjectPublicKeyInfo()).AsSpan(0, 8));
    }

    /// <summary>The current KEK version's id: <c>local:</c> and the start of its public key's SHA-256.</summary>
    public string KeyId => LocalKekFiles.IdPrefix + kek.CurrentVersion();

    /// <summary>The signing key's id: <c>local-signing:</c> and the start of its public key's SHA-256.</summary>
    public string SigningKeyId { get; }

    public Task<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var version = kek.CurrentVersion();
        var rsa = kek.Find(version) ?? throw new CryptographicException($"The current KEK version {LocalKekFiles.IdPrefix}{version} has no key file.");
        return Task.FromResult(new WrappedKey(LocalKekFiles.IdPrefix + version, rsa.Encrypt(key.Span, RSAEncryptionPadding.OaepSHA256)));
    }

    public Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken)
    {
        var rsa = keyId.StartsWith(LocalKekFiles.IdPrefix, StringComparison.Ordinal) ? kek.Find(keyId[LocalKekFiles.IdPrefix.Length..]) : null;
        if (rsa is null)
        {
            throw new CryptographicException($"Key {keyId} is not held by this provider (never, or retired).");
        }

        return Task.FromResult(rsa.Decrypt(wrappedKey.Span, RSAEncryptionPadding.OaepSHA256));
    }

    public Task<KeySignature> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Task.FromResult(new KeySignature(SigningKeyId, signing.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));

    public Task<bool> VerifyAsync(string keyId, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken) =>
        Task.FromResult(keyId == SigningKeyId && signing.VerifyData(data.Span, signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

    public Task<IReadOnlyList<KekVersion>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(kek.List());

    public Task<string> CurrentAsync(CancellationToken cancellationToken) => Task.FromResult(KeyId);

    public Task<string> RotateAsync(CancellationToken cancellationToken) => Task.FromResult(LocalKekFiles.IdPrefix + kek.Rotate());

    public Task RetireAsync(string keyId, CancellationToken cancellationToken)
    {
        if (!keyId.StartsWith(LocalKekFiles.IdPrefix, StringComparison.Ordinal))
        {
            throw new KeyNotFoundException($"{keyId} is not a local KEK version (they look like {LocalKekFiles.IdPrefix}0123456789abcdef).");
        }

        kek.Retire(keyId[LocalKekFiles.IdPrefix.Length..]);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        kek.Dispose();
        signing.Dispose();
    }
}
