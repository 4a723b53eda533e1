using System.Net;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, fault 2: PostgreSQL stopped (immediate shutdown) under mixed traffic, then started again.</summary>
internal sealed class DatabaseStopped : IScenario
{
    public string Name => "2. PostgreSQL stopped";

    public string Done(bool quick) =>
        $"8 clients creating cases, uploading, reading and placing holds; PostgreSQL stopped (immediate) for {Down(quick).TotalSeconds:0} s, then started";

    public string Checked => "only 2xx or 503 problem answers (an upload may instead see its send cut off; a read never); /health/ready 503 while down and 200 after, without an API restart; every 201 (case, record, hold) reads back whole; the audit chain verifies";

    private static TimeSpan Down(bool quick) => TimeSpan.FromSeconds(quick ? 8 : 30);

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        // Restarted once with durable commits, so that the crash below tests the vault, not the test cluster.
        await context.Postgres.StopAsync(cancellationToken, "fast");
        await context.Postgres.StartAsync(cancellationToken);
        using var azurite = await Azurite.StartAsync(context, "database-stopped-blobs", cancellationToken);
        using var api = await ApiProcess.StartAsync(context, "database-stopped", azurite, context.Postgres.Database("rel_stopped"), cancellationToken);
        using var vault = await Vault.ForAsync(api, cancellationToken);
        var traffic = new MixedTraffic(vault, clients: 8);
        using var stop = new CancellationTokenSource();
        var running = traffic.RunAsync(stop.Token);
        var restarted = false;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            await context.Postgres.StopAsync(cancellationToken);
            checks.That(await vault.ReadyIsAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), cancellationToken), "/health/ready answers 503 while PostgreSQL is down");
            await Task.Delay(Down(context.Quick), cancellationToken);
            var refusedWhileDown = traffic.Refused;
            await context.Postgres.StartAsync(cancellationToken);
            restarted = true;
            checks.That(refusedWhileDown > 0, $"requests were refused with 503 problems while PostgreSQL was down ({refusedWhileDown})");
            checks.That(await vault.ReadyIsAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60), cancellationToken), "/health/ready answers 200 within a minute of PostgreSQL's return");
            var servedBefore = traffic.Served;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            checks.That(traffic.Served > servedBefore, "requests are served again after PostgreSQL's return");
        }
        finally
        {
            if (!restarted)
            {
                await context.Postgres.StartAsync(CancellationToken.None);
            }

            await stop.CancelAsync();
            await running;
        }

        Log.Info($"  {traffic.Refused} refused with a 503 problem, {traffic.Aborted} uploads cut off");
        checks.That(traffic.Unexpected.Count == 0, $"no answer but 2xx or a 503 problem, no read cut off ({traffic.Unexpected.Count}: {traffic.Unexpected.FirstOrDefault()})");
        await traffic.CheckPromisesAsync(checks, cancellationToken);
        var (valid, _) = await vault.VerifyAuditAsync(cancellationToken);
        checks.That(valid, "the audit chain verifies");
    }
}
