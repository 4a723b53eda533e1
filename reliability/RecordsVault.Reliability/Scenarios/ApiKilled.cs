using System.Net;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, fault 4: the API killed with SIGKILL in the middle of an upload, a disposition, a sweep, a packet render and a key rotation.</summary>
internal sealed class ApiKilled : IScenario
{
    public string Name => "4. API killed (SIGKILL)";

    public string Done(bool quick) =>
        $"SIGKILL the API {UploadMiB(quick) * 2 / 5} MiB into a {UploadMiB(quick)} MiB upload, and at random moments during {Rounds(quick)} dispositions, sweeps and packet renders each, and a few milliseconds into a `keys rotate` rewrapping {RotationCases(quick)} case keys one by one (the rotation process killed with it); start it again on the same data";

    public string Checked => "no record of the killed upload; each disposition is complete (Disposed, content gone) or undone and can finish; sweeps and packets work after restart; `keys rotate --resume` leaves nothing under an older KEK version and every record reads back byte-identical; reconcile runs clean; the audit chain verifies";

    private static int RotationCases(bool quick) => quick ? 40 : 100;

    private static int Rounds(bool quick) => quick ? 2 : 5;

    private static int UploadMiB(bool quick) => quick ? 32 : 100;

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        using var azurite = await Azurite.StartAsync(context, "api-killed-blobs", cancellationToken);
        using var api = await ApiProcess.StartAsync(context, "api-killed", azurite, postgres: null, cancellationToken);
        var vault = await Vault.ForAsync(api, cancellationToken);
        try
        {
            // The upload.
            var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
            var size = UploadMiB(context.Quick) * 1024L * 1024;
            var paused = new Content(size, 7, pauseAt: size * 2 / 5);
            var upload = Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(paused), "killed.pdf", cancellationToken);
            await paused.ReachedPause.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            api.Kill();
            paused.Resume();
            checks.That(await AbortedAsync(upload), "the killed upload's client sees the connection fail");
            await api.StartAsync(cancellationToken);
            var (status, records) = await Vault.GetAsync(vault.Cw, $"cases/{caseId}/records", cancellationToken);
            checks.That(status == HttpStatusCode.OK && Records.Ids(records).Count == 0, $"the case has no record of the killed upload ({status}, {Records.Ids(records).Count})");

            var random = new Random(13);
            for (var round = 0; round < Rounds(context.Quick); round++)
            {
                await KilledDispositionAsync(api, vault, random, round, checks, cancellationToken);
                await KilledSweepAsync(api, vault, random, round, checks, cancellationToken);
                await KilledPacketAsync(api, vault, random, round, checks, cancellationToken);
            }

            await KilledRotationAsync(context, api, vault, random, checks, cancellationToken);

            var (code, output) = await api.CommandAsync(["reconcile"], cancellationToken);
            checks.That(code == 0, $"reconcile exits 0 (got {code}: {AzuriteKilled.Tail(output)})");
            var (valid, _) = await vault.VerifyAuditAsync(cancellationToken);
            checks.That(valid, "the audit chain verifies after every restart");
        }
        finally
        {
            vault.Dispose();
        }
    }

    private static async Task KilledDispositionAsync(ApiProcess api, Vault vault, Random random, int round, Checks checks, CancellationToken cancellationToken)
    {
        var (caseId, recordId) = await Archived.CaseAsync(vault, cancellationToken);
        await Vault.PostAsync(vault.Rm1, "retention/sweep", null, cancellationToken);
        var (asked, _) = await Vault.PostAsync(vault.Rm1, $"cases/{caseId}/disposition", null, cancellationToken);
        checks.That(asked == HttpStatusCode.OK, $"round {round}: the disposition is asked for ({asked})");
        var approve = Vault.PostAsync(vault.Rm2, $"cases/{caseId}/disposition/approve", null, cancellationToken);
        await Task.Delay(random.Next(0, 60), cancellationToken);
        api.Kill();
        await Swallow(approve);
        await api.StartAsync(cancellationToken);

        // A sweep finishes a disposal interrupted after its key was destroyed; then the case is one thing or the other.
        await Vault.PostAsync(vault.Rm1, "retention/sweep", null, cancellationToken);
        var (_, found) = await Vault.GetAsync(vault.Orr, $"cases/{caseId}", cancellationToken);
        var lifecycle = found.TryGetProperty("lifecycle", out var l) ? l.GetString() : null;
        if (lifecycle == "Disposed")
        {
            var (content, _) = await Vault.GetAsync(vault.Cw, $"records/{recordId}/content", cancellationToken);
            checks.That(content is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"round {round}: a disposed case's content is gone ({content})");
        }
        else
        {
            checks.That(await Vault.DownloadHashAsync(vault.Cw, recordId, cancellationToken) == Archived.Sha256, $"round {round}: an undone disposition left the record whole ({lifecycle})");
            var (again, body) = await Vault.PostAsync(vault.Rm2, $"cases/{caseId}/disposition/approve", null, cancellationToken);
            checks.That(again == HttpStatusCode.OK && body.GetProperty("lifecycle").GetString() == "Disposed", $"round {round}: the interrupted disposition can be approved again ({again})");
        }
    }

    private static async Task KilledSweepAsync(ApiProcess api, Vault vault, Random random, int round, Checks checks, CancellationToken cancellationToken)
    {
        var due = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            due.Add((await Archived.CaseAsync(vault, cancellationToken)).CaseId);
        }

        var sweep = Vault.PostAsync(vault.Orr, "retention/sweep", null, cancellationToken);
        await Task.Delay(random.Next(0, 40), cancellationToken);
        api.Kill();
        await Swallow(sweep);
        await api.StartAsync(cancellationToken);
        var (status, _) = await Vault.PostAsync(vault.Orr, "retention/sweep", null, cancellationToken);
        checks.That(status == HttpStatusCode.OK, $"round {round}: a sweep after the killed one answers 200 ({status})");
        var eligible = 0;
        foreach (var id in due)
        {
            var (_, found) = await Vault.GetAsync(vault.Orr, $"cases/{id}", cancellationToken);
            eligible += found.TryGetProperty("lifecycle", out var l) && l.GetString() == "EligibleForDisposition" ? 1 : 0;
        }

        checks.That(eligible == due.Count, $"round {round}: every due case is eligible after the next sweep ({eligible} of {due.Count})");
    }

    private static async Task KilledPacketAsync(ApiProcess api, Vault vault, Random random, int round, Checks checks, CancellationToken cancellationToken)
    {
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            using var upload = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(256 * 1024, 100 + i)), $"p{i}.pdf", cancellationToken);
            await Vault.IdAsync(upload, HttpStatusCode.Created, cancellationToken);
        }

        var (created, disclosure) = await Vault.PostAsync(vault.Orr, "disclosures", new { caseIds = new[] { caseId }, purpose = "Reliability" }, cancellationToken);
        checks.That(created == HttpStatusCode.Created, $"round {round}: the disclosure is created ({created})");
        var id = disclosure.GetProperty("id").GetString();
        var packet = vault.Orr.GetAsync(new Uri($"disclosures/{id}/packet", UriKind.Relative), cancellationToken);
        await Task.Delay(random.Next(0, 300), cancellationToken);
        api.Kill();
        await Swallow(packet);
        await api.StartAsync(cancellationToken);
        using var again = await vault.Orr.GetAsync(new Uri($"disclosures/{id}/packet", UriKind.Relative), cancellationToken);
        var bytes = await again.Content.ReadAsByteArrayAsync(cancellationToken);
        checks.That(
            again.StatusCode == HttpStatusCode.OK && bytes.AsSpan().StartsWith("%PDF"u8),
            $"round {round}: the packet renders after the restart ({(int)again.StatusCode})");
    }

    private static async Task KilledRotationAsync(Context context, ApiProcess api, Vault vault, Random random, Checks checks, CancellationToken cancellationToken)
    {
        var records = await RotationRuns.RecordsAsync(vault, RotationCases(context.Quick), 500, cancellationToken);
        var rotation = RotationRuns.Start(context, api, "api-killed");

        // Killed just after the new version's key file appears, a few milliseconds into the rewrap.
        await RotationRuns.NewVersionAsync(api, rotation, random.Next(0, 10), cancellationToken);
        var finished = rotation.HasExited;
        Shell.KillHard(rotation);
        api.Kill();
        await api.StartAsync(cancellationToken);
        var (code, remaining, output) = await RotationRuns.ResumeAsync(api, cancellationToken);
        checks.That(code == 0 && remaining == 0, $"after a rotation killed {(finished ? "once done" : "mid-way")}, keys rotate --resume exits 0 with nothing left under older versions (exit {code}, {remaining} left: {AzuriteKilled.Tail(output)})");
        checks.That(!finished && output.Contains("\"rewrapped\":", StringComparison.Ordinal) && !output.Contains("\"rewrapped\":0,", StringComparison.Ordinal),
            $"the kill fell mid-rewrap: the rotation had not ended, and the resume rewrapped what it left ({output})");
        var intact = await RotationRuns.IntactAsync(vault, records, cancellationToken);
        checks.That(intact == records.Count, $"every record reads back byte-identical after the killed rotation ({intact} of {records.Count})");
    }

    private static async Task<bool> AbortedAsync(Task<HttpResponseMessage> call)
    {
        try
        {
            using var response = await call;
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    private static async Task Swallow<T>(Task<T> call)
    {
        try
        {
            await call;
        }
        catch (HttpRequestException)
        {
            // the process died under it: expected
        }
    }
}
