using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RecordsVault.Bench.Rows;

/// <summary>
/// Row 10: bulk archive through <c>POST /archive</c> on the main API, as a records manager of an organization of its
/// own: 1,000 closed cases with 10 small text records each (100 cases with --quick), the manifest then every file as a
/// part of one request. Reports records stored per second and the API's peak resident memory during the request;
/// the answer must say every record was stored and no case failed. The issue sets no aim for either.
/// </summary>
internal sealed class ArchiveBenchmark : PendingFeatureBenchmark
{
    private const double MiB = 1024 * 1024;
    private const int RecordsPerCase = 10;

    public override int Row => 10;

    public override string Name => "bulk archive of closed cases";

    protected override IReadOnlyList<string> Routes => ["/archive"];

    protected override IReadOnlyList<(string What, string Unit, string Aim)> Lines =>
    [
        (What(1_000), "records/s", "—"),
        ($"API peak RSS, {What(1_000)}", "MiB", "—"),
    ];

    protected override async Task<IReadOnlyList<ResultRow>> MeasureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var cases = context.Quick ? 100 : 1_000;
        var token = Arguments.Environment("BENCH_ARCHIVE_TOKEN");
        using var manager = VaultApi.Create(context.Vault.Http.BaseAddress!, token);
        manager.Http.Timeout = TimeSpan.FromMinutes(30);
        using var form = Form($"AR{Guid.NewGuid():N}"[..10], cases);
        var pid = context.ApiProcessId;
        var reset = ProcessMemory.TryResetPeak(pid);
        double seconds;
        long sampled;
        JsonElement receipt;
        await using (var sampler = new ResidentSampler(pid, TimeSpan.FromMilliseconds(50)))
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await manager.Http.PostAsync("/archive?confirmPastRetention=true", form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            seconds = Stats.Seconds(start);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /archive answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
            }

            receipt = JsonDocument.Parse(body).RootElement.GetProperty("receipt").Clone();
            await sampler.DisposeAsync();
            sampled = sampler.MaxBytes;
        }

        var records = cases * RecordsPerCase;
        var stored = receipt.GetProperty("rowsStored").GetInt32();
        var failures = receipt.GetProperty("failures").GetArrayLength();
        if (stored != records || failures != 0)
        {
            throw new InvalidOperationException($"The archive stored {stored} of {records} records, with {failures} failures.");
        }

        var peak = reset ? Math.Max(sampled, ProcessMemory.Peak(pid)) : sampled;
        Log.Info($"  {records:N0} records in {cases:N0} cases: {seconds:0.0} s ({records / seconds:0} records/s), API peak RSS {peak / MiB:0} MiB");
        return
        [
            ResultRow.Measured(Row, What(cases), records / seconds, "records/s", null),
            ResultRow.Measured(Row, $"API peak RSS, {What(cases)}", peak / MiB, "MiB", null),
        ];
    }

    private static string What(int cases) => $"archive of {cases:N0} closed cases, {cases * RecordsPerCase:N0} small records (POST /archive)";

    /// <summary>The manifest, then one ~1 KiB text file per record; services ended in 2025, so no case is past retention.</summary>
    private static MultipartFormDataContent Form(string tag, int cases)
    {
        var manifest = new StringBuilder("caseNumber,state,releaseDate,childDateOfBirth,prsType,prsLevel,servicePeriodEnd,closureReason,title,kind,developedAt,file\n");
        var files = new List<(string Path, byte[] Bytes)>();
        for (var c = 0; c < cases; c++)
        {
            for (var r = 0; r < RecordsPerCase; r++)
            {
                var path = $"files/{c}/{r}.txt";
                manifest.Append($"{tag}-{c},TX,2024-03-10,2009-06-01,Tvpra,1,2025-06-01,Services completed,Note {r},visit-note,2024-04-{r + 1:00},{path}\n");
                files.Add((path, Encoding.UTF8.GetBytes($"Case {tag}-{c}, note {r}. " + new string('x', 1000))));
            }
        }

        var form = new MultipartFormDataContent { { new StringContent(manifest.ToString()), "manifest", "manifest.csv" } };
        foreach (var (path, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(content, "file", path);
        }

        return form;
    }
}
