using System.Diagnostics;

namespace RecordsVault.Bench.Rows;

/// <summary>Row 5: authorized <c>GET /cases/{id}</c> from 32 concurrent clients, each on its own connection.</summary>
internal sealed class CaseReadLoadBenchmark : IBenchmark
{
    private const int Clients = 32;

    public int Row => 5;

    public string Name => "GET /cases/{id} at 32 concurrent clients";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var caseId = await context.Vault.CreateCaseAsync(cancellationToken);
        var uri = new Uri($"cases/{caseId}", UriKind.Relative);
        await RunClientsAsync(context, uri, TimeSpan.FromSeconds(context.Quick ? 1 : 3), cancellationToken);
        var seconds = context.Quick ? 5 : 20;
        var (latencies, failures, elapsed) = await RunClientsAsync(context, uri, TimeSpan.FromSeconds(seconds), cancellationToken);

        var all = latencies.SelectMany(l => l).ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"No GET /cases/{{id}} succeeded; {failures} failed.");
        }

        var audit = context.HasRoute("/audit/verify") ? "audit on" : "audit not landed";
        var what = $"GET /cases/{{id}}, {Clients} clients, {seconds} s ({audit})";
        Log.Info($"  {all.Count} answered 200, {failures} failed, in {elapsed:0.0} s");
        return
        [
            ResultRow.Measured(Row, $"{what}: throughput", all.Count / elapsed, "req/s", ">= 3000", v => v >= 3000),
            ResultRow.Measured(Row, $"{what}: p50 latency", Stats.Percentile(all, 50), "ms", aim: null),
            ResultRow.Measured(Row, $"{what}: p99 latency", Stats.Percentile(all, 99), "ms", "<= 30 ms", v => v <= 30),
            ResultRow.Measured(Row, $"{what}: failed requests", failures, "requests", "0", v => v == 0),
        ];
    }

    /// <summary>Each client sends one request at a time until the time is up; latencies in milliseconds.</summary>
    private static async Task<(List<double>[] Latencies, long Failures, double Elapsed)> RunClientsAsync(
        BenchContext context, Uri uri, TimeSpan duration, CancellationToken cancellationToken)
    {
        var http = context.Vault.Http;
        var latencies = Enumerable.Range(0, Clients).Select(_ => new List<double>(65536)).ToArray();
        long failures = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clients = Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(uri, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    latencies[i].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken));
        await Task.WhenAll(clients);
        return (latencies, failures, Stats.Seconds(start));
    }
}
