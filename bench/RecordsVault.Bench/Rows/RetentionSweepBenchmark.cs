using System.Globalization;

namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 6: <c>POST /retention/sweep</c> over 1,000,000 synthetic closed cases (100,000 with --quick) seeded straight into
/// the database, on SQLite (the main API) and on PostgreSQL (a second API that bench.sh starts on a throwaway cluster).
/// Each database gets an untimed warm-up sweep first, then the seeding (untimed), then the timed sweep, whose answer
/// must say it made every seeded case eligible, and the database must agree. A sweep that runs past a time limit
/// (far past the aim) is stopped by closing the request, so that the run stays within its budget; the row then
/// shows no time, the aim as missed, and how many cases were made eligible before the stop.
/// </summary>
internal sealed class RetentionSweepBenchmark : PendingFeatureBenchmark
{
    private const string Aim = "<= 30 s"; // issue 11

    public override int Row => 6;

    public override string Name => "retention sweep over 1,000,000 closed cases";

    protected override IReadOnlyList<string> Routes => ["/retention/sweep"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines =>
    [
        (What(1_000_000, "SQLite"), "s", Aim),
        (What(1_000_000, "PostgreSQL"), "s", Aim),
    ];

    protected override async Task<IReadOnlyList<ResultRow>> MeasureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var count = context.Quick ? 100_000 : 1_000_000;
        var limit = TimeSpan.FromSeconds(context.Quick ? 60 : 180);
        return
        [
            await MeasureOneAsync(context.Targets.Sqlite, "SQLite", count, limit, cancellationToken),
            await MeasureOneAsync(context.Targets.Postgres, "PostgreSQL", count, limit, cancellationToken),
        ];
    }

    private async Task<ResultRow> MeasureOneAsync(SweepTarget? target, string database, int count, TimeSpan limit, CancellationToken cancellationToken)
    {
        var what = What(count, database);
        if (target is null)
        {
            Log.Info($"  {database}: not set up (bench.sh passes the API, its database and a records manager's token)");
            return ResultRow.Missing(Row, what, "s", Aim, $"no {database} API set up; run ./bench.sh");
        }

        try
        {
            // Untimed: the first call pays for JIT and connection setup; it may find leftovers of other rows (none are due).
            var warm = await SweepAsync(target, cancellationToken);
            Log.Info($"  {database}: warm-up sweep made {warm} eligible");

            var tag = Guid.NewGuid().ToString("N")[..8];
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await CaseSeeder.SeedAsync(target, tag, count, cancellationToken);
            Log.Info($"  {database}: seeded {count:N0} retained, due cases in {Stats.Seconds(start):0.0} s");

            start = System.Diagnostics.Stopwatch.GetTimestamp();
            long madeEligible;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(limit);
                try
                {
                    madeEligible = await SweepAsync(target, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Closing the request cancels the sweep in the API; what it committed so far stays.
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                    var done = await CaseSeeder.CountAsync(target, tag, "EligibleForDisposition", cancellationToken);
                    var note = string.Create(CultureInfo.InvariantCulture, $"stopped after {limit.TotalSeconds:0} s, {done:N0} of {count:N0} made eligible");
                    Log.Info($"  {database}: {note}");
                    return new ResultRow { Row = Row, What = what, Value = null, Unit = "s", Aim = Aim, Met = false, Note = note };
                }
            }

            var seconds = Stats.Seconds(start);
            Log.Info($"  {database}: sweep took {seconds:0.00} s ({count / seconds:N0} cases/s), made {madeEligible:N0} eligible");
            if (madeEligible != count)
            {
                throw new InvalidOperationException($"The sweep made {madeEligible} cases eligible, expected the {count} seeded.");
            }

            var eligible = await CaseSeeder.CountAsync(target, tag, "EligibleForDisposition", cancellationToken);
            if (eligible != count)
            {
                throw new InvalidOperationException($"The sweep answered {madeEligible}, but the database has {eligible} of the {count} seeded cases eligible.");
            }

            return ResultRow.Measured(Row, what, seconds, "s", Aim, v => v <= 30);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The other database's figure still counts; Program fails the run for this one.
            Log.Info($"  {database}: FAILED: {ex}");
            return ResultRow.Missing(Row, what, "s", Aim, $"failed: {ex.GetType().Name}");
        }
    }

    private static async Task<long> SweepAsync(SweepTarget target, CancellationToken cancellationToken)
    {
        using var answer = await target.Manager.PostJsonAsync("retention/sweep", body: null, cancellationToken);
        return answer.RootElement.GetProperty("madeEligible").GetInt64();
    }

    private static string What(int count, string database) =>
        string.Create(CultureInfo.InvariantCulture, $"retention sweep, {count:N0} closed cases, {database}");
}
