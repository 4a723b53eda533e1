using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>
/// Clients creating cases, uploading small records, reading them and placing holds, in a loop, remembering every
/// answer: what a 201 promised is checked afterwards, and any answer but a 2xx or a 503 problem (or a 507, when
/// the disk is meant to fill) is a failure. So is a broken connection, except during an upload: a server that refuses
/// an upload may answer before it has read the whole body, and the client may then see its send fail.
/// </summary>
internal sealed class MixedTraffic(Vault vault, int clients, bool diskMayFill = false)
{
    private readonly ConcurrentBag<string> cases = [];
    private readonly ConcurrentBag<(string Id, string Sha256)> uploads = [];
    private readonly ConcurrentBag<string> holds = [];
    private readonly ConcurrentBag<string> unexpected = [];
    private int served;
    private int refused;
    private int aborted;

    public int Served => served;

    public int Refused => refused;

    public int Aborted => aborted;

    public IReadOnlyCollection<string> Unexpected => unexpected;

    public async Task RunAsync(CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(i, stop), CancellationToken.None)));
    }

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        var round = 0;
        string? caseId = null;
        while (!stop.IsCancellationRequested)
        {
            round++;
            var call = "POST /cases";
            try
            {
                using (var created = await Vault.CreateCaseResponseAsync(vault.Cw, "2025-01-15", CancellationToken.None))
                {
                    if (await NoteAsync(created, "POST /cases") == HttpStatusCode.Created)
                    {
                        caseId = await Vault.IdAsync(created, HttpStatusCode.Created, CancellationToken.None);
                        cases.Add(caseId);
                    }
                }

                if (caseId is null)
                {
                    await Task.Delay(100, CancellationToken.None);
                    continue;
                }

                var seed = (client * 100_000) + round;
                call = "POST /cases/{id}/records";
                using (var upload = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(64 * 1024, seed)), "mixed.pdf", CancellationToken.None))
                {
                    if (await NoteAsync(upload, "POST /cases/{id}/records") == HttpStatusCode.Created)
                    {
                        uploads.Add((await Vault.IdAsync(upload, HttpStatusCode.Created, CancellationToken.None), Content.Sha256(64 * 1024, seed)));
                    }
                }

                call = "GET /cases/{id}";
                using (var read = await vault.Cw.GetAsync(new Uri($"cases/{caseId}", UriKind.Relative), CancellationToken.None))
                {
                    await NoteAsync(read, "GET /cases/{id}");
                }

                call = "POST /holds";
                using var hold = await vault.Rm1.PostAsJsonAsync("holds", new { matter = "Mixed", reason = "Traffic", caseIds = new[] { caseId } }, CancellationToken.None);
                if (await NoteAsync(hold, "POST /holds") == HttpStatusCode.Created)
                {
                    holds.Add(await Vault.IdAsync(hold, HttpStatusCode.Created, CancellationToken.None));
                }
            }
            catch (HttpRequestException) when (call == "POST /cases/{id}/records")
            {
                Interlocked.Increment(ref aborted);
            }
            catch (HttpRequestException ex)
            {
                // A read answers only once its audit event is durable, else with a 503 problem (Api/Audit/AuditedResponseBody.cs).
                unexpected.Add($"{call}: connection failed: {ex.Message}");
            }
        }
    }

    private async Task<HttpStatusCode> NoteAsync(HttpResponseMessage response, string call)
    {
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref served);
        }
        else if ((response.StatusCode == HttpStatusCode.ServiceUnavailable || (diskMayFill && response.StatusCode == HttpStatusCode.InsufficientStorage)) && Vault.IsProblem(response))
        {
            Interlocked.Increment(ref refused);
        }
        else
        {
            var body = await response.Content.ReadAsStringAsync();
            unexpected.Add($"{call} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
        }

        return response.StatusCode;
    }

    /// <summary>Everything that answered 201 is there, whole: cases read, records download byte-identical, holds read.</summary>
    public async Task CheckPromisesAsync(Checks checks, CancellationToken cancellationToken)
    {
        var missingCases = 0;
        foreach (var id in cases)
        {
            var (status, _) = await Vault.GetAsync(vault.Cw, $"cases/{id}", cancellationToken);
            missingCases += status == HttpStatusCode.OK ? 0 : 1;
        }

        checks.That(missingCases == 0, $"every case that answered 201 reads back ({missingCases} of {cases.Count} do not)");
        var brokenRecords = 0;
        foreach (var (id, sha256) in uploads)
        {
            brokenRecords += await Vault.DownloadHashAsync(vault.Cw, id, cancellationToken) == sha256 ? 0 : 1;
        }

        checks.That(brokenRecords == 0, $"every upload that answered 201 downloads byte-identical ({brokenRecords} of {uploads.Count} do not)");
        var missingHolds = 0;
        foreach (var id in holds)
        {
            var (status, _) = await Vault.GetAsync(vault.Rm1, $"holds/{id}", cancellationToken);
            missingHolds += status == HttpStatusCode.OK ? 0 : 1;
        }

        checks.That(missingHolds == 0, $"every hold that answered 201 reads back ({missingHolds} of {holds.Count} do not)");
    }
}
