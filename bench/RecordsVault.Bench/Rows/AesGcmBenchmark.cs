using System.Security.Cryptography;

namespace RecordsVault.Bench.Rows;

/// <summary>Row 4: what one core can encrypt and decrypt with AES-256-GCM, the physical reference for rows 1 and 2.</summary>
internal sealed class AesGcmBenchmark : IBenchmark
{
    private const int Chunk = 1024 * 1024;

    public int Row => 4;

    public string Name => "AES-256-GCM single-thread throughput";

    public Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(context.Quick ? 2 : 5);
        using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), tagSizeInBytes: 16);
        var plaintext = RandomNumberGenerator.GetBytes(Chunk);
        var ciphertext = new byte[Chunk];
        var tag = new byte[16];
        var nonce = new byte[12];

        var encrypt = Measure(duration, i =>
        {
            BitConverter.TryWriteBytes(nonce, i);
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        });

        // Decrypt the last chunk encrypted above, again and again: each call authenticates the tag, as a download does.
        var decrypted = new byte[Chunk];
        var decrypt = Measure(duration, _ => aes.Decrypt(nonce, ciphertext, tag, decrypted));
        IReadOnlyList<ResultRow> rows =
        [
            ResultRow.Measured(Row, "AES-256-GCM encrypt, 1 thread, 1 MiB chunks", encrypt, "MB/s", aim: null),
            ResultRow.Measured(Row, "AES-256-GCM decrypt, 1 thread, 1 MiB chunks", decrypt, "MB/s", aim: null),
        ];
        return Task.FromResult(rows);
    }

    /// <summary>MB/s (10^6 bytes) over <paramref name="duration"/>, after a short untimed warm-up.</summary>
    private static double Measure(TimeSpan duration, Action<long> chunk)
    {
        for (var i = 0; i < 16; i++)
        {
            chunk(-i - 1);
        }

        long count = 0;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(start) < duration)
        {
            chunk(count++);
        }

        return count * (double)Chunk / 1e6 / Stats.Seconds(start);
    }
}
