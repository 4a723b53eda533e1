using System.Diagnostics;
using System.Net;
using RecordsVault.IntegrationTests.KeyVault;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>
/// Issue 13, fault 3: the key provider throttling, erroring and hanging, then healthy again. The API process runs
/// with the Key Vault provider against the protocol-level test server (tests/…/KeyVault), reached through a managed
/// identity endpoint as in Azure, as ./bench.sh row 9 does.
/// </summary>
internal sealed class KeyProviderFailing : IScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);

    public string Name => "3. Key provider failing";

    public string Done(bool quick) =>
        $"Key Vault provider; the test server answers 429 (Retry-After 1 s), then 500, then hangs, {(quick ? 2 : 5)} new cases each, then is healthy again";

    public string Checked => "each new case under a fault answers a 503 problem within 20 s (never 500, never a hang); /health/ready 503 while it hangs; a record whose case key is cached still downloads; full service after, without restart; the audit chain verifies";

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        await using var server = await KeyVaultTestServer.StartAsync();
        using var azurite = await Azurite.StartAsync(context, "key-provider-blobs", cancellationToken);
        using var api = await ApiProcess.StartAsync(context, "key-provider", azurite, postgres: null, cancellationToken, new Dictionary<string, string>
        {
            ["Vault__Keys__Provider"] = "KeyVault",
            ["Vault__Keys__KeyVaultUri"] = server.VaultUri.ToString(),
            ["Vault__Keys__Timeout"] = Timeout.ToString(),
            ["Vault__Keys__MaxRetries"] = "2",
            ["IDENTITY_ENDPOINT"] = server.IdentityEndpoint.ToString(),
            ["IDENTITY_HEADER"] = server.IdentityHeader,
            ["SSL_CERT_FILE"] = server.WriteCertificateAuthorityPem(),
        });
        using var vault = await Vault.ForAsync(api, cancellationToken);
        var caseId = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
        using var upload = await Vault.UploadAsync(vault.Cw, caseId, Vault.Pdf(new Content(256 * 1024, 31)), "before.pdf", cancellationToken);
        var recordId = await Vault.IdAsync(upload, HttpStatusCode.Created, cancellationToken);
        checks.That(await Vault.DownloadHashAsync(vault.Cw, recordId, cancellationToken) == Content.Sha256(256 * 1024, 31), "a record stored through Key Vault downloads byte-identical");

        (string Name, KeyVaultFault Fault)[] faults =
        [
            ("throttled (429)", KeyVaultFault.Throttle(TimeSpan.FromSeconds(1))),
            ("erroring (500)", KeyVaultFault.ServerError()),
            ("hanging", KeyVaultFault.Hang),
        ];
        foreach (var (name, fault) in faults)
        {
            server.Fail(fault);
            for (var i = 0; i < (context.Quick ? 2 : 5); i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await Vault.CreateCaseResponseAsync(vault.Cw, "2025-01-15", cancellationToken);
                checks.That(
                    response.StatusCode == HttpStatusCode.ServiceUnavailable && Vault.IsProblem(response) && clock.Elapsed < TimeSpan.FromSeconds(20),
                    $"{name}: a new case answers a 503 problem within 20 s (got {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:0.0} s)");
            }

            if (fault.Hangs)
            {
                checks.That(await vault.ReadyIsAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), cancellationToken), $"{name}: /health/ready answers 503");
            }

            // The case key unwrapped before the fault is cached: its record still serves.
            checks.That(await Vault.DownloadHashAsync(vault.Cw, recordId, cancellationToken) == Content.Sha256(256 * 1024, 31), $"{name}: a record whose case key is cached still downloads");
            server.ClearFaults();
            checks.That(await vault.ReadyIsAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60), cancellationToken), $"{name}: /health/ready answers 200 once Key Vault is healthy");
            var after = await Vault.CreateCaseAsync(vault.Cw, cancellationToken);
            using var stored = await Vault.UploadAsync(vault.Cw, after, Vault.Pdf(new Content(64 * 1024, 32)), "after.pdf", cancellationToken);
            checks.That(stored.StatusCode == HttpStatusCode.Created, $"{name}: a new case and upload work once Key Vault is healthy ({(int)stored.StatusCode})");
        }

        var (valid, _) = await vault.VerifyAuditAsync(cancellationToken);
        checks.That(valid, "the audit chain verifies (its checkpoints are signed through Key Vault)");
    }
}
