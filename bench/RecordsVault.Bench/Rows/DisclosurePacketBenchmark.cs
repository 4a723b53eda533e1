namespace RecordsVault.Bench.Rows;

/// <summary>Row 7: a disclosure packet of 200 records, about 1,000 pages: its time and the API's peak memory.</summary>
internal sealed class DisclosurePacketBenchmark : PendingFeatureBenchmark
{
    public override int Row => 7;

    public override string Name => "disclosure packet of 200 records";

    protected override IReadOnlyList<string> Routes => ["/disclosures", "/disclosures/{id}/packet"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines =>
    [
        ("disclosure packet, 200 records, ~1,000 pages: time", "s", "<= 10 s"),
        ("disclosure packet, 200 records, ~1,000 pages: API peak RSS", "MiB", "<= 400 MiB"),
    ];
}
