using System.Globalization;
using System.Text.Json;
using RecordsVault.IntegrationTests;

namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 8: <c>GET /audit/verify</c> over a chain of 1,000,000 audit events (100,000 with --quick), seeded straight into
/// the main API's SQLite database after the events the earlier rows left (untimed), then verified through the API as
/// an ORR auditor. The answer must be valid and count the whole chain. The seeded events carry no checkpoint: the
/// earlier rows' checkpoints are still checked, and an unsigned tail is valid (SECURITY.md says what that leaves open).
/// </summary>
internal sealed class AuditVerifyBenchmark : PendingFeatureBenchmark
{
    private const string Aim = "<= 4 s"; // issue 11

    public override int Row => 8;

    public override string Name => "audit chain verification of 1,000,000 events";

    protected override IReadOnlyList<string> Routes => ["/audit/verify"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines => [(What(1_000_000), "s", Aim)];

    protected override async Task<IReadOnlyList<ResultRow>> MeasureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var count = context.Quick ? 100_000 : 1_000_000;
        if (context.Targets.Audit is not { } target)
        {
            Log.Info("  not set up (bench.sh passes an auditor's token and the main API's database)");
            return [ResultRow.Missing(Row, What(count), "s", Aim, "no auditor set up; run ./bench.sh")];
        }

        // Untimed: the first call pays for JIT and connection setup, and checks the chain the earlier rows left.
        var (valid, events, checkpoints, _) = await VerifyAsync(target, cancellationToken);
        Log.Info($"  warm-up: valid {valid}, {events:N0} events, {checkpoints} checkpoints");
        if (!valid)
        {
            throw new InvalidOperationException("The chain was already invalid before seeding.");
        }

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var length = await AuditSeeder.SeedAsync(target.SqlitePath, count, cancellationToken);
        Log.Info($"  seeded {count:N0} events (chain now {length:N0}) in {Stats.Seconds(start):0.0} s");

        start = System.Diagnostics.Stopwatch.GetTimestamp();
        (valid, events, checkpoints, var firstInvalid) = await VerifyAsync(target, cancellationToken);
        var seconds = Stats.Seconds(start);
        Log.Info($"  verify took {seconds:0.00} s ({events / seconds:N0} events/s): valid {valid}, {events:N0} events, {checkpoints} checkpoints");

        // The verify request's own event is appended after it answers, so the count is the chain as seeded.
        if (!valid || events != length)
        {
            throw new InvalidOperationException($"Verification answered valid {valid} with {events} events (first invalid sequence {firstInvalid}); expected valid with {length}.");
        }

        return [ResultRow.Measured(Row, What(count), seconds, "s", Aim, v => v <= 4)];
    }

    private static async Task<(bool Valid, long Events, int Checkpoints, string FirstInvalid)> VerifyAsync(AuditTarget target, CancellationToken cancellationToken)
    {
        var (body, _) = await target.Auditor.GetBytesAsync("audit/verify", cancellationToken);
        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        return (root.GetProperty("valid").GetBoolean(), root.GetProperty("events").GetInt64(), root.GetProperty("checkpoints").GetInt32(),
            root.GetProperty("firstInvalidSequence").ToString());
    }

    private static string What(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"audit chain verify, {count:N0} events (SQLite, seeded without checkpoints)");
}
