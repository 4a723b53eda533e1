using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, load 6: 32 clients with a mixed workload for minutes, on SQLite and on PostgreSQL.</summary>
internal sealed class Soak : IScenario
{
    private const int Clients = 32;

    public string Name => "6. Soak";

    public string Done(bool quick) =>
        $"{Clients} clients for {Duration(quick).TotalSeconds:0} s on SQLite and, at the same time, {Clients} on PostgreSQL: create cases, upload 1 KiB–20 MiB, read, download, hold and release, close, disclose and fetch packets";

    public string Checked => "zero 5xx or dropped connections; every 201 upload downloads byte-identical at the end; the audit chain verifies and grew by exactly the requests sent; full run only: API memory in the last minute within 20% of its level in the second (medians of samples 5 s apart)";

    /// <summary>30 s quick, 10 minutes full; <c>REL_SOAK_SECONDS</c> sets another length while profiling.</summary>
    private static TimeSpan Duration(bool quick) =>
        int.TryParse(Environment.GetEnvironmentVariable("REL_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(10);

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        // Both databases at once, each behind its own API process with its own 32 clients: the soak lasts its duration
        // once, not twice, and each API still has its own memory measured.
        using var azurite = await Azurite.StartAsync(context, "soak-blobs", cancellationToken);
        await Task.WhenAll(new[] { null, context.Postgres.Database("rel_soak") }.Select(async postgres =>
        {
            var database = postgres is null ? "SQLite" : "PostgreSQL";
            using var api = await ApiProcess.StartAsync(context, postgres is null ? "soak-sqlite" : "soak-postgres", azurite, postgres, cancellationToken);
            using var vault = await Vault.ForAsync(api, cancellationToken);
            await RunOnAsync(database, vault, Duration(context.Quick), checks, cancellationToken);
        }));
    }

    private static async Task RunOnAsync(string database, Vault vault, TimeSpan duration, Checks checks, CancellationToken cancellationToken)
    {
        var (_, eventsBefore) = await vault.VerifyAuditAsync(cancellationToken);
        var load = new Load(vault);
        using var stop = new CancellationTokenSource(duration);
        var clients = Enumerable.Range(0, Clients).Select(i => Task.Run(() => load.ClientAsync(i, stop.Token), CancellationToken.None)).ToList();

        // The server GC grows its heaps for the first minute of 32 clients (582 MiB at 20 s, 1 GiB at 60 s in the
        // first quick runs), so the level is taken after a minute, which only the full run reaches. A level is the
        // median of a minute's samples 5 s apart: one sample also holds whatever garbage awaits the next collection,
        // which swung single samples by up to a third under the same load.
        var measuresMemory = duration > TimeSpan.FromMinutes(2);
        var memory = new MemoryCurve(vault.Api);
        var all = Task.WhenAll(clients);
        while (await Task.WhenAny(all, Task.Delay(MemoryCurve.Interval, CancellationToken.None)) != all)
        {
            var rss = memory.Sample();
            if (memory.Count % 6 == 0)
            {
                // The curve, not only its two ends: where the memory levels off says more than whether it grew.
                Log.Info(string.Create(CultureInfo.InvariantCulture, $"  {database}: {load.Sent} requests, memory {rss / 1048576} MiB"));
            }
        }

        await all;
        var memoryEarly = memory.Level(from: TimeSpan.FromMinutes(1));
        var memoryEnd = memory.Level(from: memory.Elapsed - TimeSpan.FromMinutes(1));
        Log.Info(string.Create(CultureInfo.InvariantCulture, $"  {database}: {load.Sent} requests, {load.Uploads.Count} uploads, memory {memoryEarly / 1048576} MiB in minute 2, {memoryEnd / 1048576} MiB in the last ({memory})"));

        checks.That(load.Failures.IsEmpty, $"{database}: zero 5xx and no dropped connection ({load.Failures.Count}: {load.Failures.FirstOrDefault()})");
        checks.That(load.Uploads.Count > Clients, $"{database}: the clients uploaded ({load.Uploads.Count})");
        var broken = 0;
        foreach (var (id, sha256) in load.Uploads)
        {
            broken += await Vault.DownloadHashAsync(vault.Cw, id, cancellationToken) == sha256 ? 0 : 1;
        }

        checks.That(broken == 0, $"{database}: every 201 upload downloads byte-identical at the end ({broken} of {load.Uploads.Count} do not)");
        var (valid, eventsAfter) = await vault.VerifyAuditAsync(cancellationToken);
        checks.That(valid, $"{database}: the audit chain verifies");

        // The first verify's own event, the load's requests, and the end's downloads are all audited.
        var expected = 1 + load.Sent + load.Uploads.Count;
        checks.That(eventsAfter - eventsBefore == expected, $"{database}: the audit trail grew by exactly the requests sent ({eventsAfter - eventsBefore}, sent {expected})");
        if (measuresMemory)
        {
            checks.That(memoryEnd <= memoryEarly * 1.2, $"{database}: memory in the last minute within 20% of its level in the second (medians {memoryEarly / 1048576} MiB, then {memoryEnd / 1048576} MiB)");
        }
    }

    /// <summary>The clients' shared tally.</summary>
    private sealed class Load(Vault vault)
    {
        private long sent;

        public long Sent => Interlocked.Read(ref sent);

        public ConcurrentBag<(string Id, string Sha256)> Uploads { get; } = [];

        public ConcurrentQueue<string> Failures { get; } = [];

        public async Task ClientAsync(int client, CancellationToken stop)
        {
            var random = new Random(client);
            var caseId = await CaseAsync();
            var mine = new List<(string Id, string Sha256)>();
            var round = 0;
            while (!stop.IsCancellationRequested && caseId is not null)
            {
                round++;
                var choice = random.Next(100);
                if (choice < 35)
                {
                    // Sizes spread evenly over the logarithm from 1 KiB to 20 MiB: mostly small, some large.
                    var size = (long)Math.Pow(2, 10 + (random.NextDouble() * Math.Log2(20 * 1024)));
                    var seed = (client * 1_000_000) + round;
                    using var response = await SendAsync(() => Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(size, seed)), "soak.pdf", CancellationToken.None), $"POST /cases/{caseId}/records ({size} bytes)");
                    if (response?.StatusCode == HttpStatusCode.Created)
                    {
                        var uploaded = (await Vault.IdAsync(response, HttpStatusCode.Created, CancellationToken.None), Content.Sha256(size, seed));
                        Uploads.Add(uploaded);
                        mine.Add(uploaded);
                    }
                }
                else if (choice < 50)
                {
                    using var _ = await SendAsync(() => vault.Cw.GetAsync(new Uri($"cases/{caseId}/records", UriKind.Relative), CancellationToken.None), "GET /cases/{id}/records");
                }
                else if (choice < 65 && mine.Count > 0)
                {
                    var (id, sha256) = mine[random.Next(mine.Count)];
                    Interlocked.Increment(ref sent);
                    try
                    {
                        if (await Vault.DownloadHashAsync(vault.Cw, id, CancellationToken.None) != sha256)
                        {
                            Failures.Enqueue($"record {id} did not download byte-identical");
                        }
                    }
                    catch (HttpRequestException ex)
                    {
                        Failures.Enqueue($"download failed: {ex.Message}");
                    }
                    catch (TaskCanceledException)
                    {
                        Failures.Enqueue($"GET /records/{id}/content timed out ({vault.Cw.Timeout.TotalSeconds:0} s)");
                    }
                }
                else if (choice < 80)
                {
                    using var hold = await SendAsync(() => vault.Rm1.PostAsJsonAsync("holds", new { matter = "Soak", reason = "Load", caseIds = new[] { caseId } }, CancellationToken.None), "POST /holds");
                    if (hold?.StatusCode == HttpStatusCode.Created)
                    {
                        var holdId = await Vault.IdAsync(hold, HttpStatusCode.Created, CancellationToken.None);
                        using var _ = await SendAsync(() => vault.Rm1.PostAsJsonAsync($"holds/{holdId}/release", new { resolution = "Done" }, CancellationToken.None), "POST /holds/{id}/release");
                    }
                }
                else if (choice < 90)
                {
                    using var _ = await SendAsync(() => vault.Cw.GetAsync(new Uri($"cases/{caseId}", UriKind.Relative), CancellationToken.None), "GET /cases/{id}");
                }
                else
                {
                    // Close this case, disclose it with its packet, and go on with a new one.
                    using (var _ = await SendAsync(() => vault.Cw.PostAsJsonAsync($"cases/{caseId}/close", new { servicePeriodEnd = "2025-03-31", reason = "Done" }, CancellationToken.None), "POST /cases/{id}/close"))
                    {
                    }

                    using var disclosure = await SendAsync(() => vault.Orr.PostAsJsonAsync("disclosures", new { caseIds = new[] { caseId }, purpose = "Soak" }, CancellationToken.None), $"POST /disclosures ({mine.Count} records)");
                    if (disclosure?.StatusCode == HttpStatusCode.Created)
                    {
                        var id = await Vault.IdAsync(disclosure, HttpStatusCode.Created, CancellationToken.None);
                        using var _ = await SendAsync(() => vault.Orr.GetAsync(new Uri($"disclosures/{id}/packet", UriKind.Relative), CancellationToken.None), "GET /disclosures/{id}/packet");
                    }

                    mine.Clear();
                    caseId = await CaseAsync();
                }
            }
        }

        private async Task<string?> CaseAsync()
        {
            using var response = await SendAsync(() => Vault.CreateCaseResponseAsync(vault.Cw, "2025-01-15", CancellationToken.None), "POST /cases");
            return response?.StatusCode == HttpStatusCode.Created ? await Vault.IdAsync(response, HttpStatusCode.Created, CancellationToken.None) : null;
        }

        /// <summary>Sends one request and counts it; a 5xx or a dropped connection is a failure.</summary>
        private async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> call, string what)
        {
            Interlocked.Increment(ref sent);
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var response = await call();
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    Failures.Enqueue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
                }

                // Drain the body so the connection is reused (packets are PDFs of some size).
                await response.Content.LoadIntoBufferAsync();
                return response;
            }
            catch (HttpRequestException ex)
            {
                Failures.Enqueue($"{what}: connection failed: {ex.Message}");
                return null;
            }
            catch (TaskCanceledException)
            {
                // An answer that never came is a failure like a 5xx, named, and the client goes on.
                Failures.Enqueue($"{what}: no answer in {started.Elapsed.TotalSeconds:0} s");
                return null;
            }
        }
    }
}
