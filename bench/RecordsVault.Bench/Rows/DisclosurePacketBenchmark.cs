using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 7: a disclosure packet of 200 records, about 1,000 pages: its time and the API's peak memory. It runs on an API
/// of its own (bench.sh starts it), so that the peak is this row's and not what rows 1 to 3 left in the heap. The
/// records are uploaded through the API first (untimed), and a small packet is rendered once to warm the renderer;
/// then the timed part is <c>POST /disclosures</c> (which renders and stores the packet) and
/// <c>GET /disclosures/{id}/packet</c>. The peak is the kernel's VmHWM, reset before the timed part where Linux allows,
/// and never below the VmRSS sampled every 50 ms.
/// </summary>
internal sealed class DisclosurePacketBenchmark : PendingFeatureBenchmark
{
    private const double MiB = 1024 * 1024;
    private const int Records = 200;
    private const string TimeAim = "<= 4 s"; // issue 11
    private const string MemoryAim = "<= 300 MiB";

    public override int Row => 7;

    public override string Name => "disclosure packet of 200 records";

    protected override IReadOnlyList<string> Routes => ["/disclosures", "/disclosures/{id}/packet"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines =>
    [
        ("disclosure packet, 200 records, ~1,000 pages: time", "s", TimeAim),
        ("disclosure packet, 200 records, ~1,000 pages: API peak RSS", "MiB", MemoryAim),
    ];

    protected override async Task<IReadOnlyList<ResultRow>> MeasureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Targets.Packet is not { } target)
        {
            Log.Info("  no API of its own set up for this row (bench.sh passes --packet-api and the tokens)");
            return [.. Lines.Select(l => ResultRow.Missing(Row, l.What, l.Unit, l.Aim, "no packet API set up; run ./bench.sh"))];
        }

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var records = PacketRecords.Create(Records);
        Log.Info($"  generated {records.Count} records ({Summary(records)}), {records.Sum(r => r.Content.Length) / MiB:0.0} MiB, in {Stats.Seconds(start):0.0} s");

        // Warm-up, untimed: a small packet of one record of each kind loads Skia, the fonts and PdfPig, and JITs the renderer.
        var warmCase = await target.Caseworker.CreateCaseAsync(cancellationToken);
        foreach (var kind in new[] { "text/plain", "image/jpeg", "image/png", "application/pdf" })
        {
            var sample = records.First(r => r.ContentType == kind);
            await target.Caseworker.UploadAsync(warmCase, sample.Content, sample.ContentType, sample.FileName, sample.Title, sample.Kind, cancellationToken);
        }

        start = System.Diagnostics.Stopwatch.GetTimestamp();
        var (warmId, _) = await CreateDisclosureAsync(target, warmCase, cancellationToken);
        await target.Official.GetBytesAsync($"disclosures/{warmId}/packet", cancellationToken);
        Log.Info($"  warm-up packet of 4 records in {Stats.Seconds(start):0.0} s");

        var caseId = await target.Caseworker.CreateCaseAsync(cancellationToken);
        start = System.Diagnostics.Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            records,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (r, ct) => await target.Caseworker.UploadAsync(caseId, r.Content, r.ContentType, r.FileName, r.Title, r.Kind, ct));
        Log.Info($"  uploaded {records.Count} records in {Stats.Seconds(start):0.0} s");

        var pid = target.ProcessId;
        var before = ProcessMemory.Resident(pid);
        var reset = ProcessMemory.TryResetPeak(pid);
        double createSeconds, downloadSeconds;
        byte[] packet;
        string? digest;
        long sampled;
        await using (var sampler = new ResidentSampler(pid, TimeSpan.FromMilliseconds(50)))
        {
            start = System.Diagnostics.Stopwatch.GetTimestamp();
            var (id, size) = await CreateDisclosureAsync(target, caseId, cancellationToken);
            createSeconds = Stats.Seconds(start);
            start = System.Diagnostics.Stopwatch.GetTimestamp();
            var (body, headers) = await target.Official.GetBytesAsync($"disclosures/{id}/packet", cancellationToken);
            downloadSeconds = Stats.Seconds(start);
            await sampler.DisposeAsync();
            sampled = sampler.MaxBytes;
            packet = body;
            digest = headers.TryGetValues("X-Packet-SHA256", out var values) ? values.FirstOrDefault() : null;
            if (size is { } expected && expected != packet.Length)
            {
                throw new InvalidOperationException($"The disclosure says its packet has {expected} bytes; GET sent {packet.Length}.");
            }
        }

        var peak = reset ? Math.Max(sampled, ProcessMemory.Peak(pid)) : sampled;
        var actual = Convert.ToHexStringLower(SHA256.HashData(packet));
        if (digest is not null && !string.Equals(digest, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The packet's SHA-256 is {actual}, but X-Packet-SHA256 says {digest}.");
        }

        var pages = CountPages(packet);
        if (!packet.AsSpan().StartsWith("%PDF-"u8) || pages == 0)
        {
            throw new InvalidOperationException("GET /disclosures/{id}/packet did not send a PDF with pages.");
        }

        var seconds = createSeconds + downloadSeconds;
        Log.Info($"  packet: {pages:N0} pages, {packet.Length / MiB:0.0} MiB; POST /disclosures {createSeconds:0.00} s, GET packet {downloadSeconds:0.00} s; " +
                 $"API RSS before {before / MiB:0} MiB, peak {peak / MiB:0} MiB (sampled {sampled / MiB:0} MiB, VmHWM {(reset ? "reset" : "not reset")})");
        var what = string.Create(CultureInfo.InvariantCulture, $"disclosure packet, {Records} records, {pages:N0} pages");
        return
        [
            ResultRow.Measured(Row, $"{what}: time (create + download)", seconds, "s", TimeAim, v => v <= 4),
            ResultRow.Measured(Row, $"{what}: API peak RSS", peak / MiB, "MiB", MemoryAim, v => v <= 300),
        ];
    }

    private static async Task<(string Id, long? Size)> CreateDisclosureAsync(PacketTarget target, string caseId, CancellationToken cancellationToken)
    {
        var body = new { caseIds = new[] { caseId }, purpose = "Benchmark: disclosure packet of a whole case file" };
        using var answer = await target.Official.PostJsonAsync("disclosures", body, cancellationToken);
        var root = answer.RootElement;
        var id = root.GetProperty("id").GetString() ?? throw new InvalidOperationException("POST /disclosures answered without an id.");
        return (id, root.TryGetProperty("packetSize", out var size) && size.ValueKind == System.Text.Json.JsonValueKind.Number ? size.GetInt64() : null);
    }

    /// <summary>Page objects ("/Type /Page", not "/Type /Pages"); Skia writes them uncompressed.</summary>
    private static int CountPages(byte[] pdf)
    {
        var needle = "/Type /Page"u8;
        var span = pdf.AsSpan();
        var count = 0;
        for (var at = span.IndexOf(needle); at >= 0; at = span.IndexOf(needle))
        {
            span = span[(at + needle.Length)..];
            if (span.IsEmpty || span[0] != (byte)'s')
            {
                count++;
            }
        }

        return count;
    }

    private static string Summary(IReadOnlyList<BenchRecord> records) =>
        string.Join(", ", records.GroupBy(r => r.ContentType).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));
}
