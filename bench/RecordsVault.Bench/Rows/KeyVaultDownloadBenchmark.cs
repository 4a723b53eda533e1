using RecordsVault.IntegrationTests.KeyVault;
using RecordsVault.Tests;

namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 9: a download through an API whose keys are in Key Vault (the protocol-level HTTPS test server, reached through
/// a managed identity endpoint, as in Azure) against the same download through the main API's local keys. With the case
/// key cache at work the Key Vault side unwraps once, before the timed pairs, and then costs no more.
/// </summary>
internal sealed class KeyVaultDownloadBenchmark : IBenchmark
{
    public int Row => 9;

    public string Name => "download via Key Vault provider vs Local provider";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await KeyVaultTestServer.StartAsync();
        await using var process = await RunningVault.StartAsync(new Dictionary<string, string>
        {
            ["Vault:Keys:Provider"] = "KeyVault",
            ["Vault:Keys:KeyVaultUri"] = server.VaultUri.ToString(),
            ["IDENTITY_ENDPOINT"] = server.IdentityEndpoint.ToString(),
            ["IDENTITY_HEADER"] = server.IdentityHeader,
            ["SSL_CERT_FILE"] = server.WriteCertificateAuthorityPem(),
        });
        using var keyVault = new VaultApi(process.ClientFor("bench", "bench", "Vault.Caseworker"));
        var keyVaultCase = await keyVault.CreateCaseAsync(cancellationToken);
        var localCase = await context.Vault.CreateCaseAsync(cancellationToken);

        var rows = new List<ResultRow>();
        foreach (var mib in context.SizesMiB.Where(size => size >= 10))
        {
            var length = mib * 1024L * 1024;
            var keyVaultRecord = await keyVault.UploadAsync(keyVaultCase, length, cancellationToken);
            var localRecord = await context.Vault.UploadAsync(localCase, length, cancellationToken);

            // The warm-up pair unwraps the case key; the timed pairs must not call Key Vault at all.
            await keyVault.DownloadAsync(keyVaultRecord, cancellationToken);
            var unwrapsBefore = server.Served("unwrapkey");
            // Three times the usual pairs: the two sides differ by little, and a 10 MiB download takes under 0.1 s.
            var pairs = context.Pairs * 3;
            var (viaKeyVault, viaLocal) = await Interleave.RunAsync(
                pairs,
                async () => Expect(length, await keyVault.DownloadAsync(keyVaultRecord, cancellationToken)),
                async () => Expect(length, await context.Vault.DownloadAsync(localRecord, cancellationToken)));
            rows.Add(ResultRow.Compared(Row, $"download {mib} MiB, Key Vault ÷ Local", Stats.Median(viaKeyVault), Stats.Median(viaLocal), "s", 1.1));
            var unwraps = server.Served("unwrapkey") - unwrapsBefore;
            rows.Add(ResultRow.Measured(Row, $"Key Vault unwrap calls during {pairs + 1} downloads of {mib} MiB", unwraps, "calls", "0 (the cache)", value => value == 0));
        }

        return rows;
    }

    private static void Expect(long expected, long actual)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Downloaded {actual} bytes, expected {expected}.");
        }
    }
}
