using System.Security.Cryptography;
using RecordsVault.Core.Cases;
using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>Creates case keys and opens them for use; a destroyed key can never be opened again.</summary>
public sealed class CaseKeys(IKeyProvider keyProvider, TimeProvider clock)
{
    public async Task<CaseKey> CreateAsync(string caseId, CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            return new CaseKey
            {
                CaseId = caseId,
                KekId = keyProvider.KeyId,
                WrappedKey = await keyProvider.WrapKeyAsync(key, cancellationToken),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public async Task<CaseKeyEncryptionKey> OpenAsync(CaseKey caseKey, CancellationToken cancellationToken)
    {
        if (caseKey.WrappedKey is null)
        {
            throw new GoneException("The case key was destroyed; its content can no longer be read.");
        }

        byte[] key;
        try
        {
            key = await keyProvider.UnwrapKeyAsync(caseKey.KekId, caseKey.WrappedKey, cancellationToken);
        }
        catch (CryptographicException ex)
        {
            throw new DependencyUnavailableException("The key provider", ex);
        }

        return new CaseKeyEncryptionKey(BlobKeyId(caseKey.CaseId), key);
    }

    /// <summary>The key id written into blob encryption metadata: the case's random id, nothing personal.</summary>
    public static string BlobKeyId(string caseId) => $"case:{caseId}";
}
