using System.Security.Cryptography;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>A key version as Key Vault returns it: its identifier, type, permitted operations, public RSA part and state.</summary>
public sealed record KeyVaultKey(
    KeyVaultKeyId Id, string KeyType, IReadOnlyList<string> KeyOperations, byte[] Modulus, byte[] Exponent,
    bool Enabled, DateTimeOffset? Created, DateTimeOffset? Expires)
{
    /// <summary>The public key, for checking signatures without a call per signature.</summary>
    public RSA ToPublicRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Modulus, Exponent = Exponent });
        return rsa;
    }
}

/// <summary>One version of a key, as the versions list names it.</summary>
public sealed record KeyVaultKeyVersion(KeyVaultKeyId Id, bool Enabled, DateTimeOffset? Created, DateTimeOffset? Expires);

/// <summary>The answer of wrapkey, unwrapkey and sign: the key version that did it, and the bytes.</summary>
public sealed record KeyOperationResult(KeyVaultKeyId KeyId, byte[] Value);
