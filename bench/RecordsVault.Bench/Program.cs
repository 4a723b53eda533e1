using System.Text.Json;
using Azure.Storage.Blobs;
using RecordsVault.Bench;
using RecordsVault.Bench.Rows;

// Run by ./bench.sh, which starts Azurite and the API and passes them here:
//   RecordsVault.Bench --api URL --api-pid PID --out FILE [--quick] [--only ROW[,ROW]]
//     [--postgres-api URL --postgres-api-pid PID] [--packet-api URL --packet-api-pid PID]
//   environment: BENCH_TOKEN (a caseworker's bearer token), BENCH_AZURITE (the API's Azurite connection string);
//   for row 5 on PostgreSQL BENCH_POSTGRES_TOKEN (a caseworker's, of the PostgreSQL API);
//   for row 6 BENCH_MANAGER_TOKEN and BENCH_SQLITE (the main API's database file), BENCH_POSTGRES_MANAGER_TOKEN and
//   BENCH_POSTGRES (the PostgreSQL API's connection string); for row 7 BENCH_PACKET_TOKEN and BENCH_PACKET_ORR_TOKEN;
//   for row 8 BENCH_AUDITOR_TOKEN (an ORR auditor's) and BENCH_SQLITE; for row 9 VAULT_TEST_AZURITE and VAULT_TEST_DATA
//   (the Key Vault mode API is started as the tests start it); for row 11 BENCH_AUDITOR_TOKEN, BENCH_PROVIDER_AUDITOR_TOKEN
//   (prov-b's auditor), BENCH_SCALE_CASEWORKER_TOKEN (a caseworker of the seeded cases' organization) and BENCH_SQLITE;
//   for row 10 BENCH_ARCHIVE_TOKEN (a records manager of an organization of its own).
var options = Arguments.Parse(args);
IBenchmark[] benchmarks =
[
    new UploadBenchmark(),
    new DownloadBenchmark(),
    new PeakMemoryBenchmark(),
    new AesGcmBenchmark(),
    new CaseReadLoadBenchmark(),
    new RetentionSweepBenchmark(),
    new DisclosurePacketBenchmark(),
    new AuditVerifyBenchmark(),
    new KeyVaultDownloadBenchmark(),
    new ArchiveBenchmark(),
    new ScaleQueryBenchmark(),
];

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

using var vault = VaultApi.Create(options.Api, Arguments.Environment("BENCH_TOKEN"));
var baseline = new BlobServiceClient(Arguments.Environment("BENCH_AZURITE")).GetBlobContainerClient("bench-baseline");
await baseline.CreateIfNotExistsAsync(cancellationToken: cancel.Token);
var paths = await vault.PathsAsync(cancel.Token);
using var targets = BenchTargets.FromEnvironment(options);
var context = new BenchContext(vault, baseline, options.ApiProcessId, options.Quick, paths, targets);

var rows = new List<ResultRow>();
var failed = false;
foreach (var benchmark in benchmarks.Where(b => options.Only.Count == 0 || options.Only.Contains(b.Row)))
{
    Log.Info($"row {benchmark.Row}: {benchmark.Name}");
    var start = System.Diagnostics.Stopwatch.GetTimestamp();
    try
    {
        var measured = await benchmark.RunAsync(context, cancel.Token);
        rows.AddRange(measured);

        // A row may report a failed line and still keep its other lines (row 6 measures two databases).
        failed |= measured.Any(r => r.Value is null && r.Note?.StartsWith("failed", StringComparison.Ordinal) == true);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
    {
        // One broken row must not hide the others; the run still fails at the end.
        Log.Info($"  FAILED: {ex}");
        rows.Add(ResultRow.Missing(benchmark.Row, benchmark.Name, "—", aim: null, $"failed: {ex.GetType().Name}"));
        failed = true;
    }

    Log.Info($"  ({Stats.Seconds(start):0.0} s)");
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
await File.WriteAllTextAsync(options.Output, JsonSerializer.Serialize(rows, Arguments.Json) + "\n", cancel.Token);
Console.Write(MarkdownTable.Render(rows));
return failed ? 1 : 0;
