namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 6: <c>POST /retention/sweep</c> over 1,000,000 synthetic closed cases seeded straight into the database,
/// on SQLite and on PostgreSQL. Measuring it needs a second API on PostgreSQL (bench.sh: start_postgres) and a seeder.
/// </summary>
internal sealed class RetentionSweepBenchmark : PendingFeatureBenchmark
{
    public override int Row => 6;

    public override string Name => "retention sweep over 1,000,000 closed cases";

    protected override IReadOnlyList<string> Routes => ["/retention/sweep"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines =>
    [
        ("retention sweep, 1,000,000 closed cases, SQLite", "s", "<= 60 s"),
        ("retention sweep, 1,000,000 closed cases, PostgreSQL", "s", "<= 60 s"),
    ];
}
