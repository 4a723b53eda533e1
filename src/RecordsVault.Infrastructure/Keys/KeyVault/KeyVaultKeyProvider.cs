using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Errors;
using RecordsVault.Core.Signing;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>
/// The KEK and the audit-signing key in Azure Key Vault (RSA 3072, HSM-backed in production). Case keys are wrapped
/// and unwrapped with RSA-OAEP-256 and checkpoints signed with PS256 by the vault, so neither private key leaves it.
/// Signatures are checked here, with each version's public key fetched once. A vault that does not answer, throttles
/// past the retries or runs out of time is a <see cref="DependencyUnavailableException"/>: the request answers 503,
/// and the next one tries again.
/// </summary>
public sealed partial class KeyVaultKeyProvider(
    KeyVaultKeyClient client, IOptions<KeyOptions> options, TimeProvider clock, ILogger<KeyVaultKeyProvider> logger) : IKeyProvider, IKeyVersions
{
    public const string WrapAlgorithm = "RSA-OAEP-256";
    public const string SignAlgorithm = "PS256";

    private readonly CurrentVersion kek = new(options.Value.KekName, options.Value.KekRefreshInterval);
    private readonly CurrentVersion signing = new(options.Value.SigningKeyName, options.Value.KekRefreshInterval);
    private readonly ConcurrentDictionary<string, KeyVaultKey> publicKeys = new(StringComparer.Ordinal);

    public async Task<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var kid = await CurrentAsync(kek, cancellationToken);
        var result = await CallAsync("wrapkey", kek, () => client.WrapKeyAsync(kid, WrapAlgorithm, key, cancellationToken), cancellationToken);
        return new WrappedKey(result.KeyId.ToString(), result.Value);
    }

    public async Task<byte[]> UnwrapKeyAsync(string keyId, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken)
    {
        // The kid comes from the database: only a version of this vault's KEK is ever sent a wrapped key.
        var kid = VersionOf(keyId, kek.Name)
            ?? throw new CryptographicException($"Key {keyId} is not a version of this vault's KEK '{kek.Name}' at {client.VaultUri}.");
        var result = await CallAsync("unwrapkey", null, () => client.UnwrapKeyAsync(kid, WrapAlgorithm, wrappedKey, cancellationToken), cancellationToken);
        return result.Value;
    }

    public async Task<KeySignature> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(data.Span);
        var kid = await CurrentAsync(signing, cancellationToken);
        var result = await CallAsync("sign", signing, () => client.SignAsync(kid, SignAlgorithm, digest, cancellationToken), cancellationToken);
        return new KeySignature(result.KeyId.ToString(), result.Value);
    }

    public async Task<bool> VerifyAsync(string keyId, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        if (VersionOf(keyId, signing.Name) is not { } kid)
        {
            return false;
        }

        // Locally, with the version's public key: a verification of the whole trail checks thousands of checkpoints.
        if (!publicKeys.TryGetValue(kid.ToString(), out var key))
        {
            key = await CallAsync("get", null, () => client.GetKeyAsync(kid.Name, kid.Version, cancellationToken), cancellationToken);
            publicKeys.TryAdd(kid.ToString(), key);
        }

        using var rsa = key.ToPublicRsa();
        return rsa.VerifyData(data.Span, signature.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    public async Task<IReadOnlyList<SigningPublicKey>> SigningPublicKeysAsync(CancellationToken cancellationToken)
    {
        var versions = await CallAsync("versions", null, () => ListVersionsAsync(signing.Name, cancellationToken), cancellationToken);
        var keys = new List<SigningPublicKey>();
        foreach (var version in versions.Where(v => v.Enabled))
        {
            var key = await CallAsync("get", null, () => client.GetKeyAsync(version.Id.Name, version.Id.Version, cancellationToken), cancellationToken);
            keys.Add(new SigningPublicKey(key.Id.ToString(), key.Modulus, key.Exponent));
        }

        return keys;
    }

    private KeyVaultKeyId? VersionOf(string keyId, string name) =>
        KeyVaultKeyId.TryParse(keyId, out var id) && id.IsIn(client.VaultUri) && id.Version is not null
        && string.Equals(id.Name, name, StringComparison.OrdinalIgnoreCase)
            ? id
            : null;

    private async Task<KeyVaultKeyId> CurrentAsync(CurrentVersion current, CancellationToken cancellationToken)
    {
        if (current.Get(clock.GetUtcNow()) is { } kid)
        {
            return kid;
        }

        var id = await NewestEnabledAsync(current.Name, cancellationToken);
        current.Set(id, clock.GetUtcNow());
        return id;
    }

    /// <summary>
    /// The newest enabled version: <c>GET /keys/{name}</c> answers the newest version even when it is disabled,
    /// and then the versions list says which is the newest one that still works.
    /// </summary>
    private async Task<KeyVaultKeyId> NewestEnabledAsync(string name, CancellationToken cancellationToken)
    {
        var key = await CallAsync("get", null, () => client.GetKeyAsync(name, null, cancellationToken), cancellationToken);
        if (key.Enabled)
        {
            return key.Id;
        }

        var versions = await CallAsync("versions", null, () => ListVersionsAsync(name, cancellationToken), cancellationToken);
        return versions.Where(v => v.Enabled).MaxBy(v => v.Created)?.Id
            ?? throw new DependencyUnavailableException("Key Vault", new CryptographicException($"Key {name} has no enabled version."));
    }

    private async Task<List<KeyVaultKeyVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        var versions = new List<KeyVaultKeyVersion>();
        await foreach (var version in client.GetKeyVersionsAsync(name, cancellationToken))
        {
            versions.Add(version);
        }

        return versions;
    }

    public async Task<IReadOnlyList<KekVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var current = (await CurrentAsync(cancellationToken)).ToString();
        var versions = await CallAsync("versions", null, () => ListVersionsAsync(kek.Name, cancellationToken), cancellationToken);
        return versions
            .Select(v => new KekVersion(v.Id.ToString(), v.Id.ToString() == current, v.Enabled, v.Created))
            .OrderBy(v => v.CreatedAt)
            .ToList();
    }

    /// <summary>Asked afresh (and remembered for the next wraps): a rotation by the key's policy shows here at once.</summary>
    async Task<string> IKeyVersions.CurrentAsync(CancellationToken cancellationToken) => (await CurrentAsync(cancellationToken)).ToString();

    private async Task<KeyVaultKeyId> CurrentAsync(CancellationToken cancellationToken)
    {
        var id = await NewestEnabledAsync(kek.Name, cancellationToken);
        kek.Set(id, clock.GetUtcNow());
        return id;
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        var key = await CallAsync("rotate", null, () => client.RotateKeyAsync(kek.Name, cancellationToken), cancellationToken);
        kek.Set(key.Id, clock.GetUtcNow());
        return key.Id.ToString();
    }

    public async Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken)
    {
        var key = await CallAsync("rotate", null, () => client.RotateKeyAsync(signing.Name, cancellationToken), cancellationToken);
        signing.Set(key.Id, clock.GetUtcNow());
        return key.Id.ToString();
    }

    public async Task RetireAsync(string keyId, CancellationToken cancellationToken)
    {
        var kid = VersionOf(keyId, kek.Name)
            ?? throw new KeyNotFoundException($"{keyId} is not a version of this vault's KEK '{kek.Name}' at {client.VaultUri}.");
        await CallAsync("update", null, () => client.SetEnabledAsync(kid.Name, kid.Version!, enabled: false, cancellationToken), cancellationToken);
    }

    private async Task<T> CallAsync<T>(string operation, CurrentVersion? version, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (KeyVaultChallengeException ex)
        {
            LogChallengeRefused(logger, operation, ex.Message);
            throw new DependencyUnavailableException("Key Vault", ex);
        }
        catch (Exception ex) when (ex is RequestFailedException or TimeoutException or AuthenticationFailedException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (ex is RequestFailedException { Status: 403 or 404 })
            {
                version?.Forget(); // a disabled, expired or deleted version: ask which is the newest next time
            }

            LogUnavailable(logger, operation, ex.GetType().Name, (ex as RequestFailedException)?.Status ?? 0, (ex as RequestFailedException)?.ErrorCode);
            throw new DependencyUnavailableException("Key Vault", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault {Operation} failed: {ExceptionType}, status {Status}, code {ErrorCode}; key operations answer 503 until it recovers")]
    private static partial void LogUnavailable(ILogger logger, string operation, string exceptionType, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Key Vault {Operation} refused: {Reason} Check Vault:Keys:KeyVaultUri; Vault:Keys:DisableChallengeResourceVerification turns this check off, for a test server only")]
    private static partial void LogChallengeRefused(ILogger logger, string operation, string reason);

    /// <summary>The newest version of one key, as last asked.</summary>
    private sealed class CurrentVersion(string name, TimeSpan lifetime)
    {
        private (KeyVaultKeyId Id, DateTimeOffset At)? state;
        private readonly Lock gate = new();

        public string Name { get; } = name;

        public KeyVaultKeyId? Get(DateTimeOffset now)
        {
            lock (gate)
            {
                return state is { } s && now - s.At < lifetime ? s.Id : null;
            }
        }

        public void Set(KeyVaultKeyId id, DateTimeOffset at)
        {
            lock (gate)
            {
                state = (id, at);
            }
        }

        public void Forget()
        {
            lock (gate)
            {
                state = null;
            }
        }
    }
}
