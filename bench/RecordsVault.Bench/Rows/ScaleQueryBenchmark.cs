using System.Globalization;
using System.Text.Json;
using RecordsVault.IntegrationTests;

namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 11: list pages at national scale. Seeds the main API's SQLite database (untimed) up to 10,000,000 audit events
/// (1,000,000 with --quick), with the index rows the API writes, and 1,000,000 Retained cases (100,000), then times
/// page 1 and page 100 of <c>GET /audit</c> for an ORR auditor and for a provider's auditor (who sees a third of the
/// events), following <c>next</c> to page 100 untimed, and of <c>GET /cases?lifecycle=Retained</c>. Each figure is the
/// median of five requests of that page.
/// </summary>
internal sealed class ScaleQueryBenchmark : IBenchmark
{
    private const int PageSize = 50;
    private const int Tries = 5;
    private const string Aim = "<= 50 ms";

    public int Row => 11;

    public string Name => "GET /audit and GET /cases pages at 10M events / 1M cases";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Targets.Scale is not { } target)
        {
            Log.Info("  not set up (bench.sh passes the auditors' and a caseworker's tokens and the main API's database)");
            return [ResultRow.Missing(Row, "pages at scale", "ms", Aim, "not set up; run ./bench.sh")];
        }

        var events = context.Quick ? 1_000_000 : 10_000_000;
        var cases = context.Quick ? 100_000 : 1_000_000;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        long length = 0;
        for (var seeded = 0L; seeded < events;)
        {
            // In parts: each is one transaction moving the head, so the database's write-ahead log stays small.
            var part = (int)Math.Min(500_000, events - seeded);
            length = await AuditSeeder.SeedAsync(target.SqlitePath, part, cancellationToken);
            seeded += part;
        }

        Log.Info($"  seeded {events:N0} events (chain now {length:N0}) in {Stats.Seconds(start):0.0} s");
        start = System.Diagnostics.Stopwatch.GetTimestamp();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await CaseSeeder.SeedAsync(new SweepTarget(target.Caseworker, SweepDatabase.Sqlite, target.SqlitePath), tag, cases, cancellationToken);
        Log.Info($"  seeded {cases:N0} Retained cases in {Stats.Seconds(start):0.0} s");

        var rows = new List<ResultRow>();
        foreach (var (who, api) in new[] { ("ORR auditor", target.OrrAuditor), ("provider's auditor", target.ProviderAuditor) })
        {
            var first = $"audit?pageSize={PageSize}";
            rows.Add(Line($"GET /audit page 1, {who}, {length:N0} events", await MedianMillisecondsAsync(api, first, cancellationToken)));
            var hundredth = await CursorPathAsync(api, first, 99, cancellationToken);
            rows.Add(Line($"GET /audit page 100, {who}, {length:N0} events", await MedianMillisecondsAsync(api, hundredth, cancellationToken)));
        }

        var casesPath = $"cases?lifecycle=Retained&pageSize={PageSize}";
        rows.Add(Line($"GET /cases?lifecycle=Retained page 1, {cases:N0} cases", await MedianMillisecondsAsync(target.Caseworker, casesPath, cancellationToken)));
        var hundredthCases = await CursorPathAsync(target.Caseworker, casesPath, 99, cancellationToken);
        rows.Add(Line($"GET /cases?lifecycle=Retained page 100, {cases:N0} cases", await MedianMillisecondsAsync(target.Caseworker, hundredthCases, cancellationToken)));
        return rows;
    }

    private ResultRow Line(string what, double milliseconds) => ResultRow.Measured(Row, what, milliseconds, "ms", Aim, v => v <= 50);

    /// <summary>The path of the page <paramref name="pages"/> after <paramref name="first"/>, following each page's next.</summary>
    private static async Task<string> CursorPathAsync(VaultApi api, string first, int pages, CancellationToken cancellationToken)
    {
        var path = first;
        for (var i = 0; i < pages; i++)
        {
            var (body, _) = await api.GetBytesAsync(path, cancellationToken);
            using var page = JsonDocument.Parse(body);
            // The audit trail's cursor is a sequence number, the case list's a case id.
            var next = page.RootElement.GetProperty("next");
            var cursor = next.ValueKind switch
            {
                JsonValueKind.Number => next.GetInt64().ToString(CultureInfo.InvariantCulture),
                JsonValueKind.String => next.GetString(),
                _ => throw new InvalidOperationException($"GET /{path} has no next page after {i + 1} pages."),
            };
            path = $"{first}&before={cursor}";
        }

        return path;
    }

    /// <summary>One untimed request, then the median of <see cref="Tries"/> timed ones; each must bring a full page.</summary>
    private static async Task<double> MedianMillisecondsAsync(VaultApi api, string path, CancellationToken cancellationToken)
    {
        await ExpectFullPageAsync(api, path, cancellationToken);
        var times = new List<double>(Tries);
        for (var i = 0; i < Tries; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await ExpectFullPageAsync(api, path, cancellationToken);
            times.Add(Stats.Seconds(start) * 1000);
        }

        Log.Info($"  {path}: {string.Join(" ", times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
        return Stats.Median(times);
    }

    private static async Task ExpectFullPageAsync(VaultApi api, string path, CancellationToken cancellationToken)
    {
        var (body, _) = await api.GetBytesAsync(path, cancellationToken);
        using var page = JsonDocument.Parse(body);
        var count = page.RootElement.GetProperty("items").GetArrayLength();
        if (count != PageSize)
        {
            throw new InvalidOperationException($"GET /{path} brought {count} items, not a full page of {PageSize}.");
        }
    }
}
