using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RecordsVault.Infrastructure.Keys;

/// <summary>
/// Unwrapped case keys in memory, so that a download, a packet or a bundle over many records of one case asks the KEK
/// (Key Vault) once, not once per record. An entry lives <see cref="KeyOptions.CaseKeyCacheLifetime"/> from its unwrap
/// (use never extends it), at most <see cref="KeyOptions.CaseKeyCacheSize"/> entries are kept (least recently used
/// first out), and it answers only for the exact wrapped key and KEK version it was unwrapped from. Disposal of a case
/// drops its entry. Keys are held in pinned arrays (never moved, so never copied by the GC) and zeroed as they leave.
/// </summary>
public sealed class CaseKeyCache : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> recency = new(); // most recently used first
    private readonly Dictionary<string, Task> unwrapping = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> forgotten = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;
    private readonly TimeSpan lifetime;
    private readonly int capacity;
    private readonly ITimer? sweeper;

    public CaseKeyCache(IOptions<KeyOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        lifetime = options.Value.CaseKeyCacheLifetime;
        capacity = options.Value.CaseKeyCacheSize;
        if (Enabled)
        {
            // Expired keys are refused at once, and zeroed by this sweep within 10 seconds.
            var period = TimeSpan.FromTicks(Math.Clamp(lifetime.Ticks / 10, TimeSpan.TicksPerSecond, 10 * TimeSpan.TicksPerSecond));
            sweeper = clock.CreateTimer(_ => RemoveExpired(), null, period, period);
        }
    }

    private bool Enabled => lifetime > TimeSpan.Zero && capacity > 0;

    /// <summary>How many keys are held, expired ones not yet swept included.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>True while a live key of the case is held.</summary>
    public bool Contains(string caseId)
    {
        lock (gate)
        {
            return entries.TryGetValue(caseId, out var node) && node.Value.ExpiresAt > clock.GetUtcNow();
        }
    }

    /// <summary>
    /// A copy of the case's key, which the caller owns and zeroes: from a live entry for this very wrapped key, or else
    /// from <paramref name="unwrap"/>. Concurrent misses for one case share a single unwrap, and its failure.
    /// </summary>
    public async Task<byte[]> GetOrUnwrapAsync(
        string caseId, string kekId, byte[] wrappedKey, Func<CancellationToken, Task<byte[]>> unwrap, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return await unwrap(cancellationToken);
        }

        var fingerprint = Fingerprint(kekId, wrappedKey);
        while (true)
        {
            Task? pending;
            TaskCompletionSource? mine = null;
            lock (gate)
            {
                if (TryCopy(caseId, fingerprint) is { } hit)
                {
                    return hit;
                }

                if (!unwrapping.TryGetValue(caseId, out pending))
                {
                    mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    unwrapping[caseId] = mine.Task;
                }
            }

            if (mine is not null)
            {
                return await UnwrapAndStoreAsync(caseId, fingerprint, unwrap, mine, cancellationToken);
            }

            try
            {
                await pending!.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The caller that was unwrapping gave up; this one goes round and unwraps itself.
            }
        }
    }

    /// <summary>Drops the case's key (zeroed), and keeps an unwrap already under way from storing it again.</summary>
    public void Forget(string caseId)
    {
        lock (gate)
        {
            if (entries.TryGetValue(caseId, out var node))
            {
                Evict(node);
            }

            unwrapping.Remove(caseId);
            forgotten[caseId] = clock.GetUtcNow() + lifetime;
        }
    }

    /// <summary>Zeroes and drops every expired key; the timer calls it, and tests may.</summary>
    public void RemoveExpired()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            for (var node = recency.Last; node is not null;)
            {
                var previous = node.Previous;
                if (node.Value.ExpiresAt <= now)
                {
                    Evict(node);
                }

                node = previous;
            }

            foreach (var caseId in forgotten.Where(f => f.Value <= now).Select(f => f.Key).ToList())
            {
                forgotten.Remove(caseId);
            }
        }
    }

    public void Dispose()
    {
        sweeper?.Dispose();
        lock (gate)
        {
            foreach (var entry in recency)
            {
                entry.Clear();
            }

            recency.Clear();
            entries.Clear();
        }
    }

    private async Task<byte[]> UnwrapAndStoreAsync(
        string caseId, byte[] fingerprint, Func<CancellationToken, Task<byte[]>> unwrap, TaskCompletionSource mine, CancellationToken cancellationToken)
    {
        byte[] key;
        try
        {
            key = await unwrap(cancellationToken);
        }
        catch (Exception ex)
        {
            lock (gate)
            {
                Release(caseId, mine.Task);
            }

            if (ex is OperationCanceledException)
            {
                mine.SetCanceled(CancellationToken.None);
            }
            else
            {
                mine.SetException(ex);
                _ = mine.Task.Exception; // observed: the callers waiting on it, if any, rethrow it themselves
            }

            throw;
        }

        lock (gate)
        {
            var now = clock.GetUtcNow();
            var stillWanted = Release(caseId, mine.Task);
            if (stillWanted && !(forgotten.TryGetValue(caseId, out var until) && until > now))
            {
                Store(caseId, fingerprint, key, now + lifetime);
            }
        }

        mine.SetResult();
        return key;
    }

    private bool Release(string caseId, Task mine)
    {
        if (unwrapping.TryGetValue(caseId, out var current) && current == mine)
        {
            unwrapping.Remove(caseId);
            return true;
        }

        return false; // Forget ran meanwhile
    }

    private byte[]? TryCopy(string caseId, byte[] fingerprint)
    {
        if (!entries.TryGetValue(caseId, out var node))
        {
            return null;
        }

        if (node.Value.ExpiresAt <= clock.GetUtcNow())
        {
            Evict(node);
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(node.Value.Fingerprint, fingerprint))
        {
            return null; // the case's key was wrapped anew (a KEK rotation): this entry does not answer for it
        }

        recency.Remove(node);
        recency.AddFirst(node);
        return node.Value.Key.ToArray();
    }

    private void Store(string caseId, byte[] fingerprint, byte[] key, DateTimeOffset expiresAt)
    {
        if (entries.TryGetValue(caseId, out var old))
        {
            Evict(old);
        }

        var pinned = GC.AllocateUninitializedArray<byte>(key.Length, pinned: true);
        key.CopyTo(pinned, 0);
        entries[caseId] = recency.AddFirst(new Entry(caseId, fingerprint, pinned, expiresAt));
        while (entries.Count > capacity && recency.Last is { } leastRecent)
        {
            Evict(leastRecent);
        }
    }

    private void Evict(LinkedListNode<Entry> node)
    {
        recency.Remove(node);
        entries.Remove(node.Value.CaseId);
        node.Value.Clear();
    }

    private static byte[] Fingerprint(string kekId, byte[] wrappedKey)
    {
        var kek = Encoding.UTF8.GetBytes(kekId);
        var input = new byte[kek.Length + 1 + wrappedKey.Length];
        kek.CopyTo(input, 0);
        wrappedKey.CopyTo(input, kek.Length + 1);
        return SHA256.HashData(input);
    }

    private sealed record Entry(string CaseId, byte[] Fingerprint, byte[] Key, DateTimeOffset ExpiresAt)
    {
        public void Clear() => CryptographicOperations.ZeroMemory(Key);
    }
}
