using Azure.Storage.Blobs;

namespace RecordsVault.Bench.Rows;

/// <summary>Row 1: an upload through the API (encrypt, SHA-256, metadata) against a plain <see cref="BlobClient"/> upload of the same bytes.</summary>
internal sealed class UploadBenchmark : IBenchmark
{
    public int Row => 1;

    public string Name => "upload via API vs plain BlobClient";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var caseId = await context.Vault.CreateCaseAsync(cancellationToken);
        var rows = new List<ResultRow>();
        foreach (var mib in context.SizesMiB)
        {
            var length = mib * 1024L * 1024;
            var plainBlobs = new List<BlobClient>();
            var (api, plain) = await Interleave.RunAsync(
                context.Pairs,
                () => context.Vault.UploadAsync(caseId, length, cancellationToken),
                async () =>
                {
                    var blob = context.Baseline.GetBlobClient($"upload-{Guid.NewGuid():N}");
                    plainBlobs.Add(blob);
                    await blob.UploadAsync(new GeneratedContent(length), cancellationToken);
                });
            rows.Add(ResultRow.Compared(Row, $"upload {mib} MiB", Stats.Median(api), Stats.Median(plain), "s", mib >= 10 ? 1.3 : null));

            // Keeps Azurite's disk use down; the vault's own records stay, as the API has no delete.
            foreach (var blob in plainBlobs)
            {
                await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
        }

        return rows;
    }
}
