using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using RecordsVault.Infrastructure;
using RecordsVault.Infrastructure.Keys;

namespace RecordsVault.Api.Identity;

/// <summary>The embedded issuer's RSA-2048 key, created on first use; <c>run.sh token</c> signs with the same file.</summary>
public sealed class LocalSigningKey : IDisposable
{
    private readonly RSA rsa;

    public LocalSigningKey(VaultIdentityOptions options, VaultPaths paths)
    {
        rsa = PemKeyFile.LoadOrCreate(options.SigningKeyPath ?? Path.Combine(paths.KeysPath, "token-signing.pem"), 2048);
        var thumbprint = SHA256.HashData(rsa.ExportSubjectPublicKeyInfo());
        Key = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexStringLower(thumbprint.AsSpan(0, 8)) };
    }

    public RsaSecurityKey Key { get; }

    public void Dispose() => rsa.Dispose();
}
