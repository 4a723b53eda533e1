using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Errors;

namespace RecordsVault.Infrastructure.Keys.KeyVault;

/// <summary>
/// The KEK and the audit-signing key in Azure Key Vault (RSA 3072, HSM-backed in production). Case keys are wrapped
/// and unwrapped with RSA-OAEP-256 and checkpoints signed with PS256 by the vault, so neither private key leaves it.
/// Signatures are checked here, with each version's public key fetched once. A vault that does not answer, throttles
/// past the retries or runs out of time is a <see cref="DependencyUnavailableException"/>: the request answers 503,
/// and the next one tries again.
/// </summary>
public sealed partial class KeyVaultKeyProvider(
    KeyVaultKeyClient client, IOptions<KeyOptions> options, TimeProvider clock, ILogger<KeyVaultKeyProvider> logger) : IKeyProvider
{
    public const string WrapAlgorithm = "RSA-OAEP-256";
    public const string SignAlgorithm = "PS256";

    /// <summary>How long the newest version of a key is used before asking again: a rotation is picked up within this.</summary>
    public static readonly TimeSpan CurrentVersionLifetime = TimeSpan.FromMinutes(5);

    private readonly CurrentVersion kek = new(options.Value.KekName);
    private readonly CurrentVersion signing = new(options.Value.SigningKeyName);
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

        var key = await CallAsync("get", null, () => client.GetKeyAsync(current.Name, null, cancellationToken), cancellationToken);
        current.Set(key.Id, clock.GetUtcNow());
        return key.Id;
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
    private sealed class CurrentVersion(string name)
    {
        private (KeyVaultKeyId Id, DateTimeOffset At)? state;
        private readonly Lock gate = new();

        public string Name { get; } = name;

        public KeyVaultKeyId? Get(DateTimeOffset now)
        {
            lock (gate)
            {
                return state is { } s && now - s.At < CurrentVersionLifetime ? s.Id : null;
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
