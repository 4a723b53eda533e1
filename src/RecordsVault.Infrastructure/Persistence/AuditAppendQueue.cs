using System.Collections.Concurrent;
using RecordsVault.Core.Audit;
using RecordsVault.Infrastructure.Audit;

namespace RecordsVault.Infrastructure.Persistence;

/// <summary>
/// The appenders of one database in this process. Every append holds <see cref="Gate"/> while it writes, so they never
/// wait on one another's locks in the database. Events appended on their own (reads, refusals, failures) also wait in
/// <see cref="Waiting"/>: whoever holds the gate next writes all those waiting, in order, in one transaction (group
/// commit), and each request returns once its own event has committed.
/// </summary>
internal sealed class AuditAppendQueue
{
    /// <summary>The most events one transaction carries; the rest go in the next.</summary>
    public const int MaxBatch = 256;

    private static readonly ConcurrentDictionary<string, AuditAppendQueue> Queues = new(StringComparer.Ordinal);

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ConcurrentQueue<Pending> Waiting { get; } = new();

    public static AuditAppendQueue For(string connectionString) => Queues.GetOrAdd(connectionString, _ => new AuditAppendQueue());

    /// <summary>Up to <see cref="MaxBatch"/> waiting appends, oldest first.</summary>
    public List<Pending> Take()
    {
        var batch = new List<Pending>();
        while (batch.Count < MaxBatch && Waiting.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }

        return batch;
    }

    /// <summary>One event waiting to be written: its request's trail, its outcome, and what the request awaits.</summary>
    public sealed class Pending(AuditTrail trail, AuditOutcome outcome)
    {
        public AuditTrail Trail { get; } = trail;

        public AuditOutcome Outcome { get; } = outcome;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
