namespace RecordsVault.Bench.Rows;

/// <summary>Row 8: <c>GET /audit/verify</c> over a chain of 1,000,000 audit events.</summary>
internal sealed class AuditVerifyBenchmark : PendingFeatureBenchmark
{
    public override int Row => 8;

    public override string Name => "audit chain verification of 1,000,000 events";

    protected override IReadOnlyList<string> Routes => ["/audit/verify"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines =>
    [
        ("audit chain verify, 1,000,000 events", "s", "<= 10 s"),
    ];
}
