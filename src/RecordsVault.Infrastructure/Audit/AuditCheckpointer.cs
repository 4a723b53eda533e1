using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// Signs the chain head, (sequence, hash, time), with the key provider and appends it to the checkpoint
/// blobs. Triggered every <see cref="AuditOptions.CheckpointEvery"/> events and by the timed service.
/// </summary>
public sealed partial class AuditCheckpointer(
    IServiceScopeFactory scopes, IKeyProvider keys, AuditCheckpointStore store, IOptions<AuditOptions> options,
    TimeProvider clock, ILogger<AuditCheckpointer> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long lastSigned;
    private string? registeredKeyId;

    /// <summary>After a commit: starts a checkpoint in the background once enough events have gone by.</summary>
    public void Appended(long sequence)
    {
        if (sequence - Interlocked.Read(ref lastSigned) < options.Value.CheckpointEvery || gate.CurrentCount == 0)
        {
            return;
        }

        // Off the request path: a slow blob append must not slow the request that happened to cross the mark.
        _ = Task.Run(async () =>
        {
            try
            {
                await WriteAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        });
    }

    /// <summary>Signs the current head unless it is already signed; returns the checkpoint written, if any.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var head = await scope.ServiceProvider.GetRequiredService<VaultDbContext>().AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
            if (head.LastSequence == 0 || head.LastSequence == Interlocked.Read(ref lastSigned))
            {
                return null;
            }

            var chain = scope.ServiceProvider.GetRequiredService<AuditChainKeys>();
            var chainId = head.ChainId ?? await chain.ChainIdAsync(cancellationToken);
            var time = AuditChain.ToPrecision(clock.GetUtcNow().UtcDateTime);
            var signature = await keys.SignAsync(AuditCheckpoint.SignedBytes(chainId, head.LastSequence, head.LastHash, time), cancellationToken);

            // Registered before the checkpoint exists: a verification never meets a checkpoint of an unknown version.
            // Once per key version and process: the registration is a write, which on SQLite takes the database's
            // write lock; one per checkpoint collided with the audit appends under read load, and the loser slept in
            // SQLite's busy retry while holding the append gate (p99 of GET /cases/{id} 100 ms).
            if (signature.KeyId != registeredKeyId)
            {
                await chain.RegisterAsync(signature.KeyId, cancellationToken);
                registeredKeyId = signature.KeyId;
            }
            var checkpoint = new AuditCheckpoint(head.LastSequence, head.LastHash, time, signature.KeyId, Convert.ToBase64String(signature.Value), chainId);
            await store.AppendAsync(checkpoint, cancellationToken);
            Interlocked.Exchange(ref lastSigned, head.LastSequence);
            LogWritten(logger, checkpoint.Sequence, store.ContainerName);
            return checkpoint;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint signed at sequence {Sequence} in container {Container}")]
    private static partial void LogWritten(ILogger logger, long sequence, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit checkpoint failed; the next one will cover its events")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
