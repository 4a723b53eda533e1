using System.Net;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, fault 1: blob storage vanishes in the middle of a 100 MiB upload and of a download.</summary>
internal sealed class AzuriteKilled : IScenario
{

    /// <summary>Longer than Azurite's metadata autosave interval (5 s).</summary>
    internal const int AzuriteSaveSeconds = 8;

    public string Name => "1. Azurite killed";

    public string Done(bool quick) =>
        $"SIGKILL Azurite {Size(quick) * 2 / 5 / Mi} MiB into a {Size(quick) / Mi} MiB upload, and 10 MiB into a {Size(quick) / Mi} MiB download; start it again on the same data";

    private const long Mi = 1024 * 1024;

    private static long Size(bool quick) => (quick ? 32 : 100) * Mi;

    public string Checked => "503 problem or a detectable abort; no record of the failed upload; /health/ready 503 then 200 without an API restart; the earlier record downloads byte-identical; a new upload works; reconcile runs clean";

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        var size = Size(context.Quick);
        var azurite = await Azurite.StartAsync(context, "azurite-killed-blobs", cancellationToken);
        using var _ = azurite;
        using var api = await ApiProcess.StartAsync(context, "azurite-killed", azurite, postgres: null, cancellationToken);
        using var vault = await Vault.ForAsync(api, cancellationToken);
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);

        // A record stored before anything goes wrong: it must survive.
        using var first = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(size, 1)), "kept.pdf", cancellationToken);
        var keptId = await Vault.IdAsync(first, HttpStatusCode.Created, cancellationToken);

        // Azurite keeps its blob index in memory and saves it every few seconds (LokiJS autosave); a SIGKILL right
        // after a write loses that write, which real Azure Storage never does. Let it save before the first kill.
        await Task.Delay(TimeSpan.FromSeconds(AzuriteSaveSeconds), cancellationToken);

        // The upload: stop sending at 40 MiB, kill Azurite, send the rest.
        var paused = new Content(size, 2, pauseAt: size * 2 / 5);
        var upload = Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(paused), "lost.pdf", cancellationToken);
        await paused.ReachedPause.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        azurite.Kill();
        paused.Resume();
        await CheckFailureAsync(upload, "the upload", checks);
        checks.That(await vault.ReadyIsAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), cancellationToken), "/health/ready answers 503 while Azurite is down");

        await azurite.StartAsync(cancellationToken);
        checks.That(await vault.ReadyIsAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60), cancellationToken), "/health/ready answers 200 within a minute of Azurite's return");
        await CheckOnlyKeptRecordAsync(vault, caseId, keptId, size, checks, cancellationToken);

        // The download: read 10 MiB, kill Azurite, read on; the client must see that it did not get the whole file.
        var download = vault.Cw.GetAsync(new Uri($"records/{keptId}/content", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using (var response = await download)
        {
            checks.That(response.StatusCode == HttpStatusCode.OK, $"the download starts with 200 (got {(int)response.StatusCode})");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[1024 * 1024];
            long read = 0;
            while (read < 10L * 1024 * 1024)
            {
                var n = await body.ReadAsync(buffer, cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            azurite.Kill();
            var aborted = false;
            try
            {
                int n;
                while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    read += n;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                aborted = true;
            }

            // Azurite may already have sent the API everything; then the whole, verified file arriving is fine too.
            checks.That(aborted || read == size, $"the interrupted download is an abort the client detects, or complete (read {read} of {size}, aborted {aborted})");
        }

        await azurite.StartAsync(cancellationToken);
        checks.That(await vault.ReadyIsAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60), cancellationToken), "/health/ready answers 200 again after the second restart");
        await CheckOnlyKeptRecordAsync(vault, caseId, keptId, size, checks, cancellationToken);
        using var after = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(1024 * 1024, 3)), "after.pdf", cancellationToken);
        var afterId = await Vault.IdAsync(after, HttpStatusCode.Created, cancellationToken);
        checks.That(await Vault.DownloadHashAsync(vault.Cw, afterId, cancellationToken) == Content.Sha256(1024 * 1024, 3), "an upload after the restart downloads byte-identical");

        // The half-written blob of the failed upload, if any, is the reconciler's: it must run and finish cleanly.
        var (code, output) = await api.CommandAsync(["reconcile"], cancellationToken);
        checks.That(code == 0, $"reconcile exits 0 (got {code}: {Tail(output)})");
        var (valid, _) = await vault.VerifyAuditAsync(cancellationToken);
        checks.That(valid, "the audit chain verifies");
    }

    /// <summary>The failed call answers a 503 problem, or its connection is aborted: never a 2xx, never a 500.</summary>
    internal static async Task CheckFailureAsync(Task<HttpResponseMessage> call, string what, Checks checks)
    {
        try
        {
            using var response = await call;
            checks.That(
                response.StatusCode == HttpStatusCode.ServiceUnavailable && Vault.IsProblem(response),
                $"{what} answers a 503 problem (got {(int)response.StatusCode} {response.Content.Headers.ContentType})");
        }
        catch (HttpRequestException)
        {
            checks.That(true, $"{what} is aborted");
        }
    }

    private static async Task CheckOnlyKeptRecordAsync(Vault vault, string caseId, string keptId, long size, Checks checks, CancellationToken cancellationToken)
    {
        var (status, records) = await Vault.GetAsync(vault.Cw, $"cases/{caseId}/records", cancellationToken);
        var ids = status == HttpStatusCode.OK ? Records.Ids(records) : [];
        checks.That(ids.SequenceEqual([keptId]), $"the case lists only the record stored before the fault (lists {ids.Count})");
        checks.That(await Vault.DownloadHashAsync(vault.Cw, keptId, cancellationToken) == Content.Sha256(size, 1), "the earlier record downloads byte-identical");
    }

    internal static string Tail(string output) => output.Length > 300 ? output[^300..] : output;
}
