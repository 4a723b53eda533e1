using System.Net;
using RecordsVault.Reliability.Servers;

namespace RecordsVault.Reliability.Scenarios;

/// <summary>Issue 13, fault 5: VAULT_DATA (database, local keys) on a small tmpfs that fills up, then gets space back.</summary>
internal sealed class DiskFull : IScenario
{
    public string Name => "5. Disk full";

    public string Done(bool quick) =>
        $"VAULT_DATA on a 32 MiB tmpfs; 4 clients creating cases, uploading, reading and placing holds; the mount filled to the last byte for {(quick ? 8 : 30)} s, then freed";

    public string Checked => "only 2xx or 507/503 problem answers (an upload may instead see its send cut off; a read never); /health/ready 200 after, without an API restart; every 201 reads back whole; the audit chain verifies";

    public async Task RunAsync(Context context, Checks checks, CancellationToken cancellationToken)
    {
        var mount = context.NewDirectory("disk-full-data");
        var (code, output) = await Shell.RunAsync("mount", ["-t", "tmpfs", "-o", "size=32m,mode=0700", "tmpfs", mount], null, cancellationToken);
        if (!checks.That(code == 0, $"the tmpfs mounts ({output.Trim()})"))
        {
            return;
        }

        var filler = Path.Combine(mount, "filler");
        try
        {
            using var azurite = await Azurite.StartAsync(context, "disk-full-blobs", cancellationToken);
            using var api = await ApiProcess.StartAsync(context, "disk-full", azurite, postgres: null, cancellationToken, dataPath: mount);
            using var vault = await Vault.ForAsync(api, cancellationToken);
            var traffic = new MixedTraffic(vault, clients: 4, diskMayFill: true);
            using var stop = new CancellationTokenSource();
            var running = traffic.RunAsync(stop.Token);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                Fill(filler);
                await Task.Delay(TimeSpan.FromSeconds(context.Quick ? 8 : 30), cancellationToken);
                var refusedWhileFull = traffic.Refused;
                File.Delete(filler);
                checks.That(refusedWhileFull > 0, $"requests were refused with 507/503 problems while the disk was full ({refusedWhileFull})");
                checks.That(await vault.ReadyIsAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(30), cancellationToken), "/health/ready answers 200 once space returns");
                var servedBefore = traffic.Served;
                await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
                checks.That(traffic.Served > servedBefore, "requests are served again once space returns");
            }
            finally
            {
                File.Delete(filler);
                await stop.CancelAsync();
                await running;
            }

            Log.Info($"  {traffic.Refused} refused with a problem, {traffic.Aborted} uploads cut off");
            checks.That(traffic.Unexpected.Count == 0, $"no answer but 2xx or a 507/503 problem, no read cut off ({traffic.Unexpected.Count}: {traffic.Unexpected.FirstOrDefault()})");
            await traffic.CheckPromisesAsync(checks, cancellationToken);
            var (valid, _) = await vault.VerifyAuditAsync(cancellationToken);
            checks.That(valid, "the audit chain verifies");
            api.Kill();
        }
        finally
        {
            await Shell.RunAsync("umount", ["-l", mount], null, CancellationToken.None);
        }
    }

    /// <summary>Writes zeros until the file system says no more.</summary>
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // full: the point
        }

        try
        {
            // the last small writes SQLite's journal would fit into
            for (var i = 0; i < 64; i++)
            {
                file.Write(block, 0, 512);
            }
        }
        catch (IOException)
        {
        }
    }
}
