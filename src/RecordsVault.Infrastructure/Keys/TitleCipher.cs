using System.Security.Cryptography;
using System.Text;
using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// Seals record titles under a case's key, so that they die with it when disposal destroys the key. The
/// AES-256-GCM key is derived from the case key with HKDF-SHA256 rather than being the case key itself, which
/// already wraps blob content keys (AES key wrap): one key, one algorithm. A sealed title is
/// nonce (12 bytes, random) || ciphertext || tag (16 bytes); the record id is the associated data, so a title
/// cannot be moved to another record unnoticed.
/// </summary>
public sealed class TitleCipher : IDisposable
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "recordsvault record title v1"u8.ToArray();

    private readonly AesGcm aes;

    /// <param name="caseKey">The raw case key; zeroed once the title key is derived.</param>
    public TitleCipher(byte[] caseKey)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, caseKey, 32, info: Purpose);
        try
        {
            aes = new AesGcm(key, TagSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(caseKey);
        }
    }

    public byte[] Seal(string recordId, string title)
    {
        var plaintext = Encoding.UTF8.GetBytes(title);
        var sealedTitle = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedTitle.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plaintext, sealedTitle.AsSpan(NonceSize, plaintext.Length), sealedTitle.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(recordId));
        return sealedTitle;
    }

    /// <summary>The title, or <see cref="IntegrityException"/> if the sealed bytes were altered or belong to another record.</summary>
    public string Open(string recordId, byte[] sealedTitle)
    {
        if (sealedTitle.Length < NonceSize + TagSize)
        {
            throw new IntegrityException($"The sealed title of record {recordId} is truncated.");
        }

        var length = sealedTitle.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            aes.Decrypt(sealedTitle.AsSpan(0, NonceSize), sealedTitle.AsSpan(NonceSize, length), sealedTitle.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(recordId));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new IntegrityException($"The sealed title of record {recordId} could not be authenticated.", ex);
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    public void Dispose() => aes.Dispose();
}
