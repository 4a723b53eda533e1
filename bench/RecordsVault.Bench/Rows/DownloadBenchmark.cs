using Azure.Storage.Blobs;

namespace RecordsVault.Bench.Rows;

/// <summary>Row 2: a download through the API (decrypt, verify SHA-256) against a plain <see cref="BlobClient"/> download of the same bytes.</summary>
internal sealed class DownloadBenchmark : IBenchmark
{
    public int Row => 2;

    public string Name => "download via API vs plain BlobClient";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var caseId = await context.Vault.CreateCaseAsync(cancellationToken);
        var rows = new List<ResultRow>();
        foreach (var mib in context.SizesMiB)
        {
            var length = mib * 1024L * 1024;
            var recordId = await context.Vault.UploadAsync(caseId, length, cancellationToken);
            var blob = context.Baseline.GetBlobClient($"download-{Guid.NewGuid():N}");
            await blob.UploadAsync(new GeneratedContent(length), cancellationToken);

            var (api, plain) = await Interleave.RunAsync(
                context.Pairs,
                async () => Expect(length, await context.Vault.DownloadAsync(recordId, cancellationToken)),
                async () => Expect(length, await DownloadPlainAsync(blob, cancellationToken)));
            rows.Add(ResultRow.Compared(Row, $"download {mib} MiB", Stats.Median(api), Stats.Median(plain), "s", mib >= 10 ? 1.2 : null));
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        return rows;
    }

    private static async Task<long> DownloadPlainAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var result = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var content = result.Value.Content;
        return await Drain.CountAsync(content, cancellationToken);
    }

    private static void Expect(long expected, long actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Downloaded {actual} bytes, expected {expected}.");
        }
    }
}
