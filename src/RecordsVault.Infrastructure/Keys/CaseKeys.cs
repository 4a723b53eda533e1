using System.Security.Cryptography;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>Creates case keys and opens them for use; a destroyed key can never be opened again.</summary>
public sealed class CaseKeys(IKeyProvider keyProvider, CaseKeyCache cache, TimeProvider clock)
{
    public async Task<CaseKey> CreateAsync(string caseId, CancellationToken cancellationToken)
    {
        var (kekId, wrapped) = await NewWrappedKeyAsync(cancellationToken);
        return new CaseKey { CaseId = caseId, KekId = kekId, WrappedKey = wrapped, CreatedAt = clock.GetUtcNow().UtcDateTime };
    }

    public Task<CaseKeyEncryptionKey> OpenAsync(CaseKey caseKey, CancellationToken cancellationToken) =>
        caseKey.WrappedKey is null
            ? throw new GoneException("The case key was destroyed; its content can no longer be read.")
            : OpenCachedAsync(caseKey.CaseId, caseKey.KekId, caseKey.WrappedKey, cancellationToken);

    /// <summary>A fresh random AES-256 key, returned only wrapped by the KEK.</summary>
    public async Task<(string KekId, byte[] WrappedKey)> NewWrappedKeyAsync(CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrapped = await keyProvider.WrapKeyAsync(key, cancellationToken);
            return (wrapped.KeyId, wrapped.Value);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Unwraps a key for use as a blob key-encryption key under <paramref name="blobKeyId"/>.</summary>
    public async Task<CaseKeyEncryptionKey> OpenAsync(string blobKeyId, string kekId, byte[] wrappedKey, CancellationToken cancellationToken) =>
        new(blobKeyId, await UnwrapAsync(kekId, wrappedKey, cancellationToken));

    /// <summary>The cipher of the case's record titles; like the content, they cannot be read once the key is destroyed.</summary>
    public async Task<TitleCipher> OpenTitlesAsync(CaseKey caseKey, CancellationToken cancellationToken) =>
        caseKey.WrappedKey is not { } wrappedKey
            ? throw new GoneException("The case key was destroyed; its record titles can no longer be read.")
            : new TitleCipher(await cache.GetOrUnwrapAsync(
                caseKey.CaseId, caseKey.KekId, wrappedKey, ct => UnwrapAsync(caseKey.KekId, wrappedKey, ct), cancellationToken));

    /// <summary>A case's key from <see cref="CaseKeyCache"/>, so that a download or packet over many records unwraps it once.</summary>
    private async Task<CaseKeyEncryptionKey> OpenCachedAsync(string caseId, string kekId, byte[] wrappedKey, CancellationToken cancellationToken) =>
        new(BlobKeyId(caseId), await cache.GetOrUnwrapAsync(caseId, kekId, wrappedKey, ct => UnwrapAsync(kekId, wrappedKey, ct), cancellationToken));

    private async Task<byte[]> UnwrapAsync(string kekId, byte[] wrappedKey, CancellationToken cancellationToken)
    {
        try
        {
            return await keyProvider.UnwrapKeyAsync(kekId, wrappedKey, cancellationToken);
        }
        catch (CryptographicException ex)
        {
            throw new DependencyUnavailableException("The key provider", ex);
        }
    }

    /// <summary>The key id written into blob encryption metadata: the case's random id, nothing personal.</summary>
    public static string BlobKeyId(string caseId) => $"case:{caseId}";
}
