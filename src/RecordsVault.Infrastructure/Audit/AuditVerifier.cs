using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// Recomputes the whole chain, streaming events in sequence order in batches (memory stays bounded), and
/// checks every checkpoint: its signature, and that the event it names still has the hash it signed.
/// </summary>
public sealed class AuditVerifier(VaultDbContext db, AuditCheckpointStore checkpoints, IKeyProvider keys)
{
    private const int BatchSize = 10_000;

    /// <param name="progress">Called after each batch with the events checked so far and the chain's length.</param>
    public async Task<AuditVerification> VerifyAsync(Action<long, long>? progress, CancellationToken cancellationToken)
    {
        long? firstInvalid = null;
        void Flag(long sequence) => firstInvalid = Math.Min(firstInvalid ?? long.MaxValue, sequence);

        // Checkpoints are read before the head: none can then name an event the head does not yet cover.
        var lines = await checkpoints.ReadAllAsync(cancellationToken);
        var signed = new Dictionary<long, List<string>>();
        foreach (var line in lines)
        {
            if (line.Checkpoint is not { } checkpoint)
            {
                Flag(1); // an unreadable checkpoint vouches for nothing, so nothing can be trusted
                continue;
            }

            var genuine = await keys.VerifyAsync(checkpoint.KeyId, checkpoint.SignedBytes(), SignatureBytes(checkpoint.Signature), cancellationToken);
            if (!genuine)
            {
                Flag(Math.Max(1, checkpoint.Sequence));
                continue;
            }

            AddSigned(signed, checkpoint.Sequence, checkpoint.Hash);
        }

        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        if (signed.Keys.Any(sequence => sequence > head.LastSequence))
        {
            Flag(head.LastSequence + 1); // signed events are missing from the end: truncated or rolled back
        }

        using var walker = new ChainWalker(signed, Flag);
        long after = 0;
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > after && e.Sequence <= head.LastSequence)
                .OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var e in batch)
            {
                walker.Check(e);
            }

            after = batch[^1].Sequence;
            progress?.Invoke(walker.Events, head.LastSequence);
        }

        walker.CheckEnd(head);
        return new AuditVerification(firstInvalid is null, walker.Events, firstInvalid, lines.Count);
    }

    private static byte[] SignatureBytes(string base64)
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

    private static void AddSigned(Dictionary<long, List<string>> map, long sequence, string hash)
    {
        if (!map.TryGetValue(sequence, out var hashes))
        {
            map[sequence] = hashes = [];
        }

        hashes.Add(hash);
    }

    /// <summary>Walks the chain one event at a time, reusing its buffers.</summary>
    private sealed class ChainWalker(Dictionary<long, List<string>> signed, Action<long> flag) : IDisposable
    {
        private readonly AuditChain chain = new();
        private readonly byte[] previous = new byte[32];
        private readonly byte[] stored = new byte[32];
        private readonly byte[] computed = new byte[32];
        private string previousHex = AuditChain.GenesisHash;
        private long expected = 1;

        public long Events { get; private set; }

        public void Check(AuditEvent e)
        {
            if (e.Sequence != expected)
            {
                flag(expected); // a gap: the event at this sequence was deleted or moved
            }

            var linked = e.PreviousHash == previousHex;
            var hashed = AuditChain.TryParseHash(previousHex, previous)
                && AuditChain.TryParseHash(e.Hash, stored)
                && chain.TryHash(e, previous, computed)
                && computed.AsSpan().SequenceEqual(stored);
            var vouchedFor = !signed.TryGetValue(e.Sequence, out var hashes) || hashes.TrueForAll(h => h == e.Hash);
            if (!linked || !hashed || !vouchedFor)
            {
                flag(e.Sequence);
            }

            // Going on from the stored hash reports each break once and still checks everything after it.
            previousHex = e.Hash;
            expected = e.Sequence + 1;
            Events++;
        }

        /// <summary>The head row must name the last event: otherwise events were cut from the end.</summary>
        public void CheckEnd(AuditChainHead head)
        {
            if (expected - 1 != head.LastSequence || head.LastSequence > 0 && previousHex != head.LastHash)
            {
                flag(expected);
            }
        }

        public void Dispose() => chain.Dispose();
    }
}
