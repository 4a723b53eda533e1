using System.Security.Cryptography;
using RecordsVault.Core.Signing;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// The embedded keys, RSA-3072 files with one file per version (<see cref="LocalKeyFiles"/>): the KEK under
/// <c>kek</c>, wrapping with RSA-OAEP-SHA256, and the audit-signing key under <c>audit-signing</c>, signing with
/// RSA-PSS-SHA256. Ids are a prefix and the start of the version's public key SHA-256.
/// </summary>
public sealed class LocalKeyProvider : IKeyProvider, IKeyVersions, IDisposable
{
    public const string KekPrefix = "local:";
    public const string SigningPrefix = "local-signing:";

    private readonly LocalKeyFiles kek;
    private readonly LocalKeyFiles signing;

    public LocalKeyProvider(string keysPath)
    {
        kek = new LocalKeyFiles(keysPath, "kek");
        signing = new LocalKeyFiles(keysPath, "audit-signing");

        // A new vault gets its first versions now, not on the first upload or checkpoint.
        kek.CurrentVersion();
        signing.CurrentVersion();
    }

    /// <summary>The current KEK version's id.</summary>
    public string KeyId => KekPrefix + kek.CurrentVersion();

    /// <summary>The current signing key version's id.</summary>
    public string SigningKeyId => SigningPrefix + signing.CurrentVersion();

    public Task<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var (id, rsa) = Current(kek, KekPrefix);
        return Task.FromResult(new WrappedKey(id, rsa.Encrypt(key.Span, RSAEncryptionPadding.OaepSHA256)));
    }

    public Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken)
    {
        var rsa = Find(kek, KekPrefix, keyId) ?? throw new CryptographicException($"Key {keyId} is not held by this provider (never, or retired).");
        return Task.FromResult(rsa.Decrypt(wrappedKey.Span, RSAEncryptionPadding.OaepSHA256));
    }

    public Task<KeySignature> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var (id, rsa) = Current(signing, SigningPrefix);
        return Task.FromResult(new KeySignature(id, rsa.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));
    }

    public Task<bool> VerifyAsync(string keyId, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken) =>
        Task.FromResult(Find(signing, SigningPrefix, keyId)?.VerifyData(data.Span, signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss) == true);

    public Task<IReadOnlyList<SigningPublicKey>> SigningPublicKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<SigningPublicKey>();
        foreach (var (version, _, _) in signing.List())
        {
            if (signing.Find(version) is { } rsa)
            {
                var parameters = rsa.ExportParameters(includePrivateParameters: false);
                keys.Add(new SigningPublicKey(SigningPrefix + version, parameters.Modulus!, parameters.Exponent!));
            }
        }

        return Task.FromResult<IReadOnlyList<SigningPublicKey>>(keys);
    }

    public Task<IReadOnlyList<KekVersion>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KekVersion>>(kek.List().Select(v => new KekVersion(KekPrefix + v.Version, v.Current, true, v.CreatedAt)).ToList());

    public Task<string> CurrentAsync(CancellationToken cancellationToken) => Task.FromResult(KeyId);

    public Task<string> RotateAsync(CancellationToken cancellationToken) => Task.FromResult(KekPrefix + kek.Rotate());

    public Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken) => Task.FromResult(SigningPrefix + signing.Rotate());

    public Task RetireAsync(string keyId, CancellationToken cancellationToken)
    {
        if (!keyId.StartsWith(KekPrefix, StringComparison.Ordinal))
        {
            throw new KeyNotFoundException($"{keyId} is not a local KEK version (they look like {KekPrefix}0123456789abcdef).");
        }

        kek.Retire(keyId[KekPrefix.Length..]);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        kek.Dispose();
        signing.Dispose();
    }

    private static (string Id, RSA Rsa) Current(LocalKeyFiles files, string prefix)
    {
        var version = files.CurrentVersion();
        return (prefix + version, files.Find(version) ?? throw new CryptographicException($"The current version {prefix}{version} has no key file."));
    }

    private static RSA? Find(LocalKeyFiles files, string prefix, string keyId) =>
        keyId.StartsWith(prefix, StringComparison.Ordinal) ? files.Find(keyId[prefix.Length..]) : null;
}
