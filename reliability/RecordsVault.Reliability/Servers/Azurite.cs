using System.Diagnostics;
using System.Net.Sockets;

namespace RecordsVault.Reliability.Servers;

/// <summary>A blob emulator of the runner's own, which a scenario may kill and bring back on the same port and data.</summary>
internal sealed class Azurite(Context context, string directory, int port) : IDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static async Task<Azurite> StartAsync(Context context, string name, CancellationToken cancellationToken)
    {
        var azurite = new Azurite(context, context.NewDirectory(name), Ports.Free());
        await azurite.StartAsync(cancellationToken);
        return azurite;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        process = Shell.Start(
            context.AzuriteBin,
            ["--blobHost", "127.0.0.1", "--blobPort", $"{port}", "--location", directory, "--skipApiVersionCheck", "--loose", "--silent"],
            Path.Combine(directory, "azurite.log"),
            new Dictionary<string, string>(),
            context.PidFile);
        for (var i = 0; i < 150; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }

        throw new InvalidOperationException("Azurite did not start");
    }

    /// <summary>SIGKILL: no chance to save anything.</summary>
    public void Kill()
    {
        if (process is not null)
        {
            Shell.KillHard(process);
            process.Dispose();
            process = null;
        }
    }

    public void Dispose() => Kill();
}
