using System.Net;
using System.Net.Http.Json;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, races 9: pairs of requests that must never both win, many rounds each, on both databases.</summary>
internal sealed class Races : IScenario
{
    public string Name => "9. Races";

    public string Done(bool quick) =>
        $"{Rounds(quick)} rounds per pair on SQLite and on PostgreSQL: hold vs disposition approval, two approvals of one disposition, two ORR approvals of one release, close vs 3 uploads, two sweeps at once; and {RotationRounds(quick)} rounds of `keys rotate` racing 3 uploads";

    public string Checked => "exactly one outcome wins every round, and the stored state matches the answers";

    private static int Rounds(bool quick) => quick ? 10 : 50;

    /// <summary>Each round starts a `keys rotate` process (a second or two of start-up alone), hence fewer in the quick run.</summary>
    private static int RotationRounds(bool quick) => quick ? 3 : 50;

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        // Both databases at once, each behind its own API: the rounds within one stay in order, and the full run's
        // fifty `keys rotate` rounds per database fit the 30 minutes.
        using var azurite = await Azurite.StartAsync(context, "races-blobs", cancellationToken);
        await Task.WhenAll(new[] { null, context.Postgres.Database("rel_races") }.Select(async postgres =>
        {
            var db = postgres is null ? "SQLite" : "PostgreSQL";
            using var api = await ApiProcess.StartAsync(context, postgres is null ? "races-sqlite" : "races-postgres", azurite, postgres, cancellationToken);
            using var vault = await Vault.ForAsync(api, cancellationToken);
            for (var round = 0; round < Rounds(context.Quick); round++)
            {
                var where = $"{db} round {round}";
                await HoldVersusApprovalAsync(vault, where, checks, cancellationToken);
                await TwoApprovalsAsync(vault, where, checks, cancellationToken);
                await TwoReleaseApprovalsAsync(vault, where, checks, cancellationToken);
                await CloseVersusUploadsAsync(vault, where, checks, cancellationToken);
                await TwoSweepsAsync(vault, where, checks, cancellationToken);
            }

            for (var round = 0; round < RotationRounds(context.Quick); round++)
            {
                await RotationVersusUploadsAsync(context, vault, db, round, checks, cancellationToken);
            }
        }));
    }

    private static async Task<string> DispositionAskedAsync(Vault vault, CancellationToken cancellationToken)
    {
        var (caseId, _) = await Archived.CaseAsync(vault, cancellationToken);
        await Vault.PostAsync(vault.Rm1, "retention/sweep", null, cancellationToken);
        var (asked, _) = await Vault.PostAsync(vault.Rm1, $"cases/{caseId}/disposition", null, cancellationToken);
        return asked == HttpStatusCode.OK ? caseId : throw new InvalidOperationException($"asking for a disposition answered {(int)asked}");
    }

    private static async Task HoldVersusApprovalAsync(Vault vault, string where, Checks checks, CancellationToken cancellationToken)
    {
        var caseId = await DispositionAskedAsync(vault, cancellationToken);
        var approve = Vault.PostAsync(vault.Rm2, $"cases/{caseId}/disposition/approve", null, cancellationToken);
        var hold = Vault.PostAsync(vault.Orr, "holds", new { matter = "Race", reason = "Race", caseIds = new[] { caseId } }, cancellationToken);
        var (approved, held) = ((await approve).Status == HttpStatusCode.OK, (await hold).Status == HttpStatusCode.Created);
        var (_, found) = await Vault.GetAsync(vault.Orr, $"cases/{caseId}", cancellationToken);
        var lifecycle = found.GetProperty("lifecycle").GetString();
        var holds = found.GetProperty("activeHolds").GetArrayLength();
        checks.That(
            approved ^ held && lifecycle == (approved ? "Disposed" : "EligibleForDisposition") && holds == (held ? 1 : 0),
            $"{where}, hold vs approval: approve {(await approve).Status}, hold {(await hold).Status}, then {lifecycle} with {holds} holds");
    }

    private static async Task TwoApprovalsAsync(Vault vault, string where, Checks checks, CancellationToken cancellationToken)
    {
        var caseId = await DispositionAskedAsync(vault, cancellationToken);
        var first = Vault.PostAsync(vault.Rm2, $"cases/{caseId}/disposition/approve", null, cancellationToken);
        var second = Vault.PostAsync(vault.Orr, $"cases/{caseId}/disposition/approve", null, cancellationToken);
        var statuses = new[] { (await first).Status, (await second).Status };
        checks.That(
            statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 1,
            $"{where}, two disposition approvals: {statuses[0]} and {statuses[1]}, not one 200 and one 409");
    }

    private static async Task TwoReleaseApprovalsAsync(Vault vault, string where, Checks checks, CancellationToken cancellationToken)
    {
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
        using var upload = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(2048, 9)), "custody.pdf", cancellationToken, developedAt: "2024-12-01");
        var recordId = await Vault.IdAsync(upload, HttpStatusCode.Created, cancellationToken);
        var (created, release) = await Vault.PostAsync(vault.Rm1, "releases", new { recordIds = new[] { recordId }, recipient = "Court", purpose = "Race" }, cancellationToken);
        if (!checks.That(created == HttpStatusCode.Created && release.GetProperty("status").GetString() == "PendingOrrApproval", $"{where}: an ORR-owned release waits for approval ({created})"))
        {
            return;
        }

        var id = release.GetProperty("id").GetString();
        var first = Vault.PostAsync(vault.Orr, $"releases/{id}/approve", null, cancellationToken);
        var second = Vault.PostAsync(vault.Orr, $"releases/{id}/approve", null, cancellationToken);
        var statuses = new[] { (await first).Status, (await second).Status };
        checks.That(
            statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 1,
            $"{where}, two release approvals: {statuses[0]} and {statuses[1]}, not one 200 and one 409");
    }

    private static async Task CloseVersusUploadsAsync(Vault vault, string where, Checks checks, CancellationToken cancellationToken)
    {
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
        var uploads = Enumerable.Range(0, 3)
            .Select(i => Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(32 * 1024, 50 + i)), $"u{i}.pdf", cancellationToken))
            .ToList();
        var close = vault.Cw.PostAsJsonAsync($"cases/{caseId}/close", new { servicePeriodEnd = "2025-03-31", reason = "Race" }, cancellationToken);
        using var closed = await close;
        var stored = new List<string>();
        var refused = 0;
        foreach (var upload in uploads)
        {
            using var response = await upload;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                stored.Add(await Vault.IdAsync(response, HttpStatusCode.Created, cancellationToken));
            }
            else
            {
                refused += response.StatusCode == HttpStatusCode.Conflict ? 1 : 0;
            }
        }

        var (_, listing) = await Vault.GetAsync(vault.Cw, $"cases/{caseId}/records", cancellationToken);
        var listed = Records.Ids(listing);
        checks.That(
            closed.StatusCode == HttpStatusCode.OK && stored.Count + refused == 3 && listed.Order().SequenceEqual(stored.Order()),
            $"{where}, close vs uploads: close {closed.StatusCode}, {stored.Count} stored, {refused} refused with 409, {listed.Count} listed");
    }

    private static async Task TwoSweepsAsync(Vault vault, string where, Checks checks, CancellationToken cancellationToken)
    {
        var due = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            due.Add((await Archived.CaseAsync(vault, cancellationToken)).CaseId);
        }

        var first = Vault.PostAsync(vault.Rm1, "retention/sweep", null, cancellationToken);
        var second = Vault.PostAsync(vault.Rm2, "retention/sweep", null, cancellationToken);
        var answers = new[] { await first, await second };
        var made = answers.Sum(a => a.Body.TryGetProperty("madeEligible", out var m) ? m.GetInt32() : -100);
        var eligible = 0;
        foreach (var id in due)
        {
            var (_, found) = await Vault.GetAsync(vault.Orr, $"cases/{id}", cancellationToken);
            eligible += found.GetProperty("lifecycle").GetString() == "EligibleForDisposition" ? 1 : 0;
        }

        checks.That(
            answers.All(a => a.Status == HttpStatusCode.OK) && made == due.Count && eligible == due.Count,
            $"{where}, two sweeps: {answers[0].Status} and {answers[1].Status}, {made} made eligible between them for {due.Count} due cases, {eligible} eligible");
    }

    /// <summary>
    /// A rotation and uploads of new cases at once: each new case key is wrapped under the old version and rewrapped, or
    /// under the new one from the start; never lost, never left behind once a resume has run.
    /// </summary>
    private static async Task RotationVersusUploadsAsync(Context context, Vault vault, string db, int round, Checks checks, CancellationToken cancellationToken)
    {
        var where = $"{db} round {round}";
        var rotation = RotationRuns.Start(context, vault.Api, $"races-{db.ToLowerInvariant()}-{round}");
        var uploads = RotationRuns.RecordsAsync(vault, 3, 900 + (round * 10), cancellationToken);
        await rotation.WaitForExitAsync(cancellationToken);
        var records = await uploads;
        var rotated = rotation.ExitCode;
        rotation.Dispose();
        var (code, remaining, _) = await RotationRuns.ResumeAsync(vault.Api, cancellationToken);
        var intact = await RotationRuns.IntactAsync(vault, records, cancellationToken);
        checks.That(
            rotated == 0 && code == 0 && remaining == 0 && intact == records.Count,
            $"{where}, rotation vs uploads: rotate exit {rotated}, resume exit {code} with {remaining} left, {intact} of {records.Count} records intact");
    }
}
