using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Audit;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Keys.Rotation;

/// <summary>
/// Rotation of the KEK (<c>keys rotate</c>, <c>keys status</c>, <c>keys retire</c>). A rotation makes a new version
/// current, then rewraps every stored wrapped key under it, page by page; each row is rewritten only if it still
/// holds the value read, so it runs safely beside the API, and running it again resumes where it stopped, because
/// it only ever picks rows not yet under the current version. Rotation and retirement are audit events.
/// </summary>
public sealed partial class KekRotation(
    IServiceScopeFactory scopes, IKeyProvider keys, IKeyVersions versions, IOptions<KeyOptions> options, TimeProvider clock,
    ILogger<KekRotation> logger)
{
    public const int DefaultBatchSize = 100;

    /// <summary>Every KEK version with what it still wraps.</summary>
    public async Task<IReadOnlyList<KekVersionStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var all = await versions.ListAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var (caseKeys, packets) = await Rows(scope).CountByVersionAsync(cancellationToken);
        var listed = all.Select(v => new KekVersionStatus(
            v.Id, v.Current, v.Enabled, v.CreatedAt, caseKeys.GetValueOrDefault(v.Id), packets.GetValueOrDefault(v.Id))).ToList();

        // Keys under a version the provider no longer holds can never be opened again: show them, never hide them.
        foreach (var orphan in caseKeys.Keys.Union(packets.Keys).Except(all.Select(v => v.Id)).Order(StringComparer.Ordinal))
        {
            listed.Add(new KekVersionStatus(orphan, false, false, null, caseKeys.GetValueOrDefault(orphan), packets.GetValueOrDefault(orphan)));
        }

        return listed;
    }

    /// <summary>Creates a new KEK version and makes it current (then call <see cref="RewrapAsync"/>).</summary>
    public async Task<string> RotateAsync(string actor, CancellationToken cancellationToken)
    {
        var version = await versions.RotateAsync(cancellationToken);
        LogRotated(logger, version);
        await AuditAsync("keys.rotate", actor, version, AuditOutcome.Succeeded);
        return version;
    }

    /// <summary>
    /// A new version of the audit-signing key; the next checkpoint registers it for the chain and is signed with it.
    /// Nothing is rewrapped or re-signed: older checkpoints stay verifiable under the versions registered for them.
    /// </summary>
    public async Task<string> RotateSigningKeyAsync(string actor, CancellationToken cancellationToken)
    {
        var version = await versions.RotateSigningKeyAsync(cancellationToken);
        LogSigningRotated(logger, version);
        await AuditAsync("keys.rotate-signing", actor, version, AuditOutcome.Succeeded);
        return version;
    }

    /// <summary>
    /// Rewraps every wrapped key not under the current version, <paramref name="batchSize"/> rows at a time;
    /// <paramref name="progress"/> gets (done, total) after each row. Cancelling stops between rows: nothing is half done.
    /// </summary>
    public async Task<RewrapResult> RewrapAsync(string actor, int batchSize, Action<long, long> progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var current = await versions.CurrentAsync(cancellationToken);
        long rewrapped = 0, changed = 0, failed = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var rows = Rows(scope);
            var total = await rows.CountNotUnderAsync(current, cancellationToken);
            progress(0, total);
            foreach (var kind in WrappedKeyRows.Kinds)
            {
                var after = string.Empty;
                while (await rows.NotUnderAsync(kind, current, after, batchSize, cancellationToken) is { Count: > 0 } batch)
                {
                    foreach (var row in batch)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        switch (await RewrapRowAsync(rows, row, cancellationToken))
                        {
                            case true: rewrapped++; break;
                            case false: changed++; break;
                            case null: failed++; break;
                        }

                        progress(rewrapped + changed + failed, total);
                    }

                    after = batch[^1].Id;
                }
            }
        }

        await using var countScope = scopes.CreateAsyncScope();
        var remaining = await Rows(countScope).CountNotUnderAsync(current, cancellationToken);
        var result = new RewrapResult(current, rewrapped, changed, failed, remaining);
        LogRewrapped(logger, current, rewrapped, changed, failed, remaining);
        await AuditAsync("keys.rewrap", actor, current, failed == 0 ? AuditOutcome.Succeeded : AuditOutcome.Failed);
        return result;
    }

    /// <summary>Retires <paramref name="keyId"/>, or explains why not; the reason is null when it was retired.</summary>
    public async Task<string?> RetireAsync(string actor, string keyId, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(cancellationToken);
        var version = status.SingleOrDefault(v => v.Id == keyId);
        var refusal = version switch
        {
            null => $"{keyId} is not a KEK version of this vault; `keys status` lists them.",
            { Current: true } => $"{keyId} is the current KEK version; run `keys rotate` first.",
            { CaseKeys: > 0 } or { Packets: > 0 } =>
                $"{keyId} still wraps {version.CaseKeys} case keys and {version.Packets} packets; run `keys rotate` (or let it finish) first.",
            _ => Superseded(version, status),
        };
        if (refusal is not null)
        {
            await AuditAsync("keys.retire", actor, keyId, AuditOutcome.Denied);
            return refusal;
        }

        await versions.RetireAsync(keyId, cancellationToken);
        LogRetired(logger, keyId);
        await AuditAsync("keys.retire", actor, keyId, AuditOutcome.Succeeded);
        return null;
    }

    /// <summary>
    /// Null when the current version has been current long enough that no instance can still be wrapping under an
    /// older one. Measured from the current version's creation, not the retired one's successor: creation times
    /// can tie (Key Vault counts whole seconds), and this errs on the side of waiting.
    /// </summary>
    private string? Superseded(KekVersionStatus version, IReadOnlyList<KekVersionStatus> status)
    {
        var grace = options.Value.RetireGracePeriod;
        if (status.SingleOrDefault(v => v.Current)?.CreatedAt is not { } currentSince || clock.GetUtcNow() - currentSince >= grace)
        {
            return null;
        }

        return $"the current version became current at {currentSince:u}; an instance may still wrap under {version.Id} until "
            + $"{currentSince + grace:u} (Vault:Keys:RetireGracePeriod). Then run `keys rotate --resume`, and retire.";
    }

    /// <summary>True rewrapped, false changed by someone else first, null failed (logged, left as it was).</summary>
    private async Task<bool?> RewrapRowAsync(WrappedKeyRows rows, WrappedRow row, CancellationToken cancellationToken)
    {
        byte[]? key = null;
        try
        {
            key = await keys.UnwrapKeyAsync(row.KekId, row.Wrapped, cancellationToken);
            var rewrapped = await keys.WrapKeyAsync(key, cancellationToken);
            return await rows.ReplaceAsync(row, rewrapped, cancellationToken);
        }
        catch (Exception ex) when (ex is CryptographicException or Core.Errors.DependencyUnavailableException)
        {
            LogRowFailed(logger, row.Kind, row.Id, row.KekId, ex.GetType().Name);
            return null;
        }
        finally
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private static WrappedKeyRows Rows(AsyncServiceScope scope) => new(scope.ServiceProvider.GetRequiredService<VaultDbContext>());

    private async Task AuditAsync(string action, string actor, string target, AuditOutcome outcome)
    {
        await using var scope = scopes.CreateAsyncScope();
        var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        trail.Begin(action, () => new AuditActor(actor, string.Empty, []), client: null, request: Guid.NewGuid().ToString("N"));
        trail.SetTarget(target);
        await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AppendAuditAsync(outcome, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KEK rotated: {Version} is current")]
    private static partial void LogRotated(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rewrap under {Version}: {Rewrapped} rewrapped, {Changed} changed meanwhile, {Failed} failed, {Remaining} remaining")]
    private static partial void LogRewrapped(ILogger logger, string version, long rewrapped, long changed, long failed, long remaining);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rewrap of {Kind} {Id} under {KekId} failed: {ExceptionType}; left as it was")]
    private static partial void LogRowFailed(ILogger logger, WrappedKind kind, string id, string kekId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit-signing key rotated: {Version} signs the next checkpoints")]
    private static partial void LogSigningRotated(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "KEK version {Version} retired")]
    private static partial void LogRetired(ILogger logger, string version);
}
