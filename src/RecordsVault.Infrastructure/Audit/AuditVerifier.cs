using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;

namespace RecordsVault.Infrastructure.Audit;

/// <summary>
/// Recomputes the whole chain, streaming events in sequence order in batches (memory stays bounded), and
/// checks every checkpoint: its signature, and that the event it names still has the hash it signed.
/// </summary>
public sealed class AuditVerifier(VaultDbContext db, AuditCheckpointStore checkpoints, IKeyProvider keys, AuditChainKeys chain)
{
    private const int BatchSize = 10_000;

    /// <param name="progress">Called every batch and at the end with the events checked so far and the chain's length.</param>
    public async Task<AuditVerification> VerifyAsync(Action<long, long>? progress, CancellationToken cancellationToken)
    {
        long? firstInvalid = null;
        void Flag(long sequence) => firstInvalid = Math.Min(firstInvalid ?? long.MaxValue, sequence);

        // Checkpoints are read before the head: none can then name an event the head does not yet cover.
        var chainId = await chain.ChainIdAsync(cancellationToken);
        var registered = await chain.RegisteredAsync(cancellationToken);
        var lines = await checkpoints.ReadAllAsync(chainId, cancellationToken);
        var signed = new Dictionary<long, List<string>>();
        foreach (var line in lines)
        {
            if (line.Checkpoint is not { } checkpoint)
            {
                Flag(1); // an unreadable checkpoint vouches for nothing, so nothing can be trusted
                continue;
            }

            switch (Ownership(line, checkpoint, chainId, registered))
            {
                case LineOwner.OtherVault:
                    continue;
                case LineOwner.Forged:
                    Flag(Math.Max(1, checkpoint.Sequence));
                    continue;
                case LineOwner.ThisChain:
                    break;
            }

            var genuine = await keys.VerifyAsync(checkpoint.KeyId, checkpoint.SignedBytes(), AuditSignatures.Bytes(checkpoint.Signature), cancellationToken);
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

        // Reading and hashing overlap: one task reads batches from the database while this one hashes the last.
        using var walker = new ChainWalker(signed, Flag);
        var batches = Channel.CreateBounded<List<AuditEvent>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadBatchesAsync(head.LastSequence, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var e in batch)
                {
                    walker.Check(e);
                }

                progress?.Invoke(walker.Events, head.LastSequence);
            }
        }
        finally
        {
            // If hashing stopped early, the reader must not wait forever for room in the channel.
            await stop.CancelAsync();
            await reading;
        }

        walker.CheckEnd(head);
        return new AuditVerification(firstInvalid is null, walker.Events, firstInvalid, lines.Count);
    }

    /// <summary>The events up to <paramref name="last"/>, in order, in lists of up to <see cref="BatchSize"/>; a failure completes the channel with it.</summary>
    private async Task ReadBatchesAsync(long last, ChannelWriter<List<AuditEvent>> batches, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<AuditEvent>(BatchSize);
            await foreach (var e in ReadEventsAsync(last, cancellationToken))
            {
                batch.Add(e);
                if (batch.Count == BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new List<AuditEvent>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken);
            }

            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex);
        }
    }

    /// <summary>
    /// The events up to <paramref name="last"/> in sequence order, keyset-paged in batches so that no read
    /// transaction stays open for the whole chain. A plain data reader over one reused command, not an EF
    /// query per batch: that saves EF's per-row materializer and converters (about a tenth of the time on
    /// SQLite); reading the columns themselves and hashing are most of what is left.
    /// </summary>
    private async IAsyncEnumerable<AuditEvent> ReadEventsAsync(long last, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = SelectBatch;
            var after = Parameter(command, "after", 0L);
            Parameter(command, "last", last);
            Parameter(command, "take", BatchSize);
            while (true)
            {
                var read = 0;
                await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var e = ReadEvent(reader);
                        after.Value = e.Sequence;
                        read++;
                        yield return e;
                    }
                }

                if (read < BatchSize)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Quoted as EF names them; the same text runs on SQLite and PostgreSQL. Column order is ReadEvent's.
    private const string SelectBatch = """
        SELECT "Sequence", "OccurredAt", "ActorSub", "ActorOrg", "ActorRoles", "Action", "Outcome", "CaseIds",
               "Organizations", "RecordId", "TargetId", "ClientAddress", "RequestId", "PreviousHash", "Hash"
        FROM "AuditEvents" WHERE "Sequence" > @after AND "Sequence" <= @last ORDER BY "Sequence" LIMIT @take
        """;

    private static AuditEvent ReadEvent(DbDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        OccurredAt = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
        ActorSub = reader.GetString(2),
        ActorOrg = reader.GetString(3),
        ActorRoles = reader.GetString(4),
        Action = reader.GetString(5),
        Outcome = ParseOutcome(reader.GetString(6)),
        CaseIds = reader.GetString(7),
        Organizations = reader.GetString(8),
        RecordId = reader.GetString(9),
        TargetId = reader.GetString(10),
        ClientAddress = reader.GetString(11),
        RequestId = reader.GetString(12),
        PreviousHash = reader.GetString(13),
        Hash = reader.GetString(14),
    };

    /// <summary>Only the exact canonical names: anything else hashes as "?" and so fails, instead of failing the whole run.</summary>
    private static AuditOutcome ParseOutcome(string stored) => stored switch
    {
        nameof(AuditOutcome.Succeeded) => AuditOutcome.Succeeded,
        nameof(AuditOutcome.Denied) => AuditOutcome.Denied,
        nameof(AuditOutcome.Failed) => AuditOutcome.Failed,
        _ => (AuditOutcome)(-1),
    };

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private enum LineOwner
    {
        ThisChain,
        OtherVault,
        Forged,
    }

    /// <summary>
    /// Under this chain's prefix every line must be this chain's, signed by a registered version. In the shared legacy
    /// layout, lines of another chain or signed by a version this chain never registered are other vaults' (ignored).
    /// </summary>
    private static LineOwner Ownership(CheckpointLine line, AuditCheckpoint checkpoint, string chainId, HashSet<string> registered)
    {
        var ours = checkpoint.ChainId is null ? line.Legacy : checkpoint.ChainId == chainId;
        if (ours && registered.Contains(checkpoint.KeyId))
        {
            return LineOwner.ThisChain;
        }

        return line.Legacy && (!ours || !registered.Contains(checkpoint.KeyId)) && checkpoint.ChainId != chainId
            ? LineOwner.OtherVault
            : LineOwner.Forged;
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
