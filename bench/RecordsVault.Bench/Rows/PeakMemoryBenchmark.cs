namespace RecordsVault.Bench.Rows;

/// <summary>Row 3: the API process's peak resident memory while one large file uploads, then downloads.</summary>
internal sealed class PeakMemoryBenchmark : IBenchmark
{
    private const double MiB = 1024 * 1024;

    public int Row => 3;

    public string Name => "API peak RSS over a large upload and download";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var mib = context.Quick ? 256 : 1024;
        var length = mib * 1024L * 1024;
        var pid = context.ApiProcessId;
        var caseId = await context.Vault.CreateCaseAsync(cancellationToken);

        var before = ProcessMemory.Resident(pid);
        var reset = ProcessMemory.TryResetPeak(pid);
        double uploadSeconds, downloadSeconds;
        long sampled;
        await using (var sampler = new ResidentSampler(pid, TimeSpan.FromMilliseconds(20)))
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var recordId = await context.Vault.UploadAsync(caseId, length, cancellationToken);
            uploadSeconds = Stats.Seconds(start);
            start = System.Diagnostics.Stopwatch.GetTimestamp();
            var received = await context.Vault.DownloadAsync(recordId, cancellationToken);
            downloadSeconds = Stats.Seconds(start);
            if (received != length)
            {
                throw new InvalidOperationException($"Downloaded {received} bytes, expected {length}.");
            }

            await sampler.DisposeAsync();
            sampled = sampler.MaxBytes;
        }

        var peak = reset ? Math.Max(sampled, ProcessMemory.Peak(pid)) : sampled;
        Log.Info($"  RSS before {before / MiB:0} MiB, peak {peak / MiB:0} MiB (sampled {sampled / MiB:0} MiB); " +
                 $"upload {uploadSeconds:0.0} s ({length / 1e6 / uploadSeconds:0} MB/s), download {downloadSeconds:0.0} s ({length / 1e6 / downloadSeconds:0} MB/s)");
        var size = mib >= 1024 ? $"{mib / 1024} GiB" : $"{mib} MiB";
        return [ResultRow.Measured(Row, $"API peak RSS, {size} upload then download", peak / MiB, "MiB", "<= 200 MiB", v => v <= 200)];
    }
}
