using System.Security.Cryptography;

namespace RecordsVault.Core.Signing;

/// <summary>The public half of one signing key version: what the vault publishes so receipts and exports can be checked offline.</summary>
public sealed record SigningPublicKey(string KeyId, byte[] Modulus, byte[] Exponent)
{
    public RSA ToRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Modulus, Exponent = Exponent });
        return rsa;
    }
}
