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
        var rows = new List<ResultRow>();
        rows.AddRange(await RunOnAsync(context, context.Vault, context.ApiProcessId, "SQLite", cancellationToken));
        if (context.Targets.PostgresReader is { } postgres)
        {
            rows.AddRange(await RunOnAsync(context, postgres.Caseworker, postgres.ProcessId, "PostgreSQL", cancellationToken));
        }
        else
        {
            rows.Add(ResultRow.Missing(Row, "GET /cases/{id}, PostgreSQL: throughput", "req/s", ">= 3000", "no PostgreSQL API (bench.sh starts one with rows 5 and 6)"));
        }

        return rows;
    }

    /// <summary>
    /// The load, with the CPU time the load client (this process) and the API used over it, each as a share of both
    /// cores: the client shares the machine with the API, so its share says how much the API was left.
    /// </summary>
    private async Task<IReadOnlyList<ResultRow>> RunOnAsync(
        BenchContext context, VaultApi vault, int apiProcessId, string database, CancellationToken cancellationToken)
    {
        var caseId = await vault.CreateCaseAsync(cancellationToken);
        var uri = new Uri($"cases/{caseId}", UriKind.Relative);
        await RunClientsAsync(vault, uri, TimeSpan.FromSeconds(context.Quick ? 1 : 3), cancellationToken);
        var seconds = context.Quick ? 5 : 20;
        using var client = System.Diagnostics.Process.GetCurrentProcess();
        var clientBefore = client.TotalProcessorTime;
        var apiBefore = ProcessCpu.Used(apiProcessId);
        var (latencies, failures, elapsed) = await RunClientsAsync(vault, uri, TimeSpan.FromSeconds(seconds), cancellationToken);
        client.Refresh();
        var clientShare = ProcessCpu.Share(client.TotalProcessorTime - clientBefore, elapsed);
        var apiShare = ProcessCpu.Share(ProcessCpu.Used(apiProcessId) - apiBefore, elapsed);

        var all = latencies.SelectMany(l => l).ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"No GET /cases/{{id}} succeeded on {database}; {failures} failed.");
        }

        var audit = context.HasRoute("/audit/verify") ? "audit on" : "audit not landed";
        var what = $"GET /cases/{{id}}, {Clients} clients, {seconds} s ({audit}), {database}";
        Log.Info($"  {database}: {all.Count} answered 200, {failures} failed, in {elapsed:0.0} s; CPU: load client {clientShare:0}%, API {apiShare:0}% of {Environment.ProcessorCount} cores");
        return
        [
            ResultRow.Measured(Row, $"{what}: throughput", all.Count / elapsed, "req/s", ">= 3000", v => v >= 3000),
            ResultRow.Measured(Row, $"{what}: p50 latency", Stats.Percentile(all, 50), "ms", aim: null),
            ResultRow.Measured(Row, $"{what}: p99 latency", Stats.Percentile(all, 99), "ms", "<= 30 ms", v => v <= 30),
            ResultRow.Measured(Row, $"{what}: failed requests", failures, "requests", "0", v => v == 0),
            ResultRow.Measured(Row, $"{what}: CPU of the load client", clientShare, "% of all cores", aim: null),
            ResultRow.Measured(Row, $"{what}: CPU of the API", apiShare, "% of all cores", aim: null),
        ];
    }

    /// <summary>Each client sends one request at a time until the time is up; latencies in milliseconds.</summary>
    private static async Task<(List<double>[] Latencies, long Failures, double Elapsed)> RunClientsAsync(
        VaultApi vault, Uri uri, TimeSpan duration, CancellationToken cancellationToken)
    {
        var http = vault.Http;
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
