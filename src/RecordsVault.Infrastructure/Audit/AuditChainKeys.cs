using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// The chain's id and the signing key versions registered for it. The id is given once, by a conditional update,
/// so two instances starting at once agree on it. Verification accepts a checkpoint only under a registered
/// version: rotating the signing key never makes the trail false (the new version is registered before its first
/// checkpoint is written), and a checkpoint signed by a version this chain never used is rejected.
/// </summary>
public sealed class AuditChainKeys(VaultDbContext db, AuditCheckpointStore store, IKeyProvider keys, TimeProvider clock)
{
    /// <summary>The chain's id, given now if it has none; a chain from before ids gets its old checkpoints' keys registered.</summary>
    public async Task<string> ChainIdAsync(CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        if (head.ChainId is { } existing)
        {
            return existing;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var given = await db.AuditChainHeads.Where(h => h.Id == head.Id && h.ChainId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ChainId, id), cancellationToken);
        if (given == 1 && head.LastSequence > 0)
        {
            await RegisterLegacyKeysAsync(id, cancellationToken);
        }

        return (await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken)).ChainId!;
    }

    public async Task<HashSet<string>> RegisteredAsync(CancellationToken cancellationToken) =>
        (await db.AuditSigningKeys.AsNoTracking().Select(k => k.KeyId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Registers <paramref name="keyId"/> for this chain unless it is already. Plain SQL, not SaveChanges: inside a
    /// request (<c>/audit/verify</c>) that would commit the request's audit event early, with this row.
    /// </summary>
    public async Task RegisterAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "AuditSigningKeys" ("KeyId", "RegisteredAt") VALUES ({keyId}, {now}) ON CONFLICT ("KeyId") DO NOTHING""",
            cancellationToken);
    }

    /// <summary>
    /// Before chain ids, this vault's checkpoints were in the shared layout, signed by its key: the versions that
    /// verify one of them are this chain's. Lines signed by anything else there belong to other vaults.
    /// </summary>
    private async Task RegisterLegacyKeysAsync(string chainId, CancellationToken cancellationToken)
    {
        var lines = await store.ReadAllAsync(chainId, cancellationToken);
        foreach (var signedBy in lines.Where(l => l.Legacy).Select(l => l.Checkpoint).OfType<AuditCheckpoint>().GroupBy(c => c.KeyId).ToList())
        {
            foreach (var checkpoint in signedBy)
            {
                if (await keys.VerifyAsync(checkpoint.KeyId, checkpoint.SignedBytes(), AuditSignatures.Bytes(checkpoint.Signature), cancellationToken))
                {
                    await RegisterAsync(checkpoint.KeyId, cancellationToken);
                    break;
                }
            }
        }
    }
}

/// <summary>Signatures are base64 in checkpoint lines; a malformed one is no signature.</summary>
internal static class AuditSignatures
{
    public static byte[] Bytes(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
