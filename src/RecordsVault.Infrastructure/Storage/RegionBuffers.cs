using System.Collections.Concurrent;

namespace RecordsVault.Infrastructure.Storage;

/// <summary>
/// Buffers of exactly one stored region (4 MiB and 28 bytes), kept for reuse. The shared array pool would round that
/// size up to 8 MiB, and a fresh array per transfer lands on the large object heap, which only a full collection frees.
/// </summary>
internal static class RegionBuffers
{
    // Eight transfers at a time, each with a few regions in flight, fit; more are allocated and dropped on return.
    private const int Kept = 16;

    private static readonly ConcurrentBag<byte[]> Free = [];

    public static byte[] Rent() => Free.TryTake(out var buffer) ? buffer : new byte[EncryptionV2.StoredRegionSize];

    /// <summary>Clears the buffer, which may hold a record's plaintext, before anyone else can rent it.</summary>
    public static void Return(byte[] buffer)
    {
        Array.Clear(buffer);
        if (Free.Count < Kept)
        {
            Free.Add(buffer);
        }
    }
}
