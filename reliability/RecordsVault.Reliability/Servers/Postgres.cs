namespace RecordsVault.Reliability.Servers;

/// <summary>
/// The throwaway cluster ./reliability.sh started (scripts/lib.sh start_postgres); the runner stops it abruptly and
/// starts it again on the same port, as an operator's restart or a crash would.
/// </summary>
internal sealed class Postgres(string connectionString, string bin, string directory)
{
    public string ConnectionString => connectionString;

    /// <summary>A connection string to a database of its own, which the API creates at start.</summary>
    public string Database(string name) => connectionString.Replace("Database=postgres", $"Database={name}", StringComparison.Ordinal);

    private string Port => connectionString.Split(';').Single(p => p.StartsWith("Port=", StringComparison.Ordinal))[5..];

    /// <summary>Stops the server: "immediate" is a crash (no checkpoint, connections cut), "fast" a clean restart.</summary>
    public async Task StopAsync(CancellationToken cancellationToken, string mode = "immediate")
    {
        var (code, output) = await Shell.RunAsync("runuser", ["-u", "postgres", "--", $"{bin}/pg_ctl", "-D", $"{directory}/data", "-m", mode, "stop"], null, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed: {output}");
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Unlike scripts/lib.sh's fast test cluster, commits here are durable (synchronous_commit on): a crash
        // must not lose what was answered 201. fsync stays off, since the machine itself does not crash.
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {directory} -c fsync=off -c full_page_writes=off -c max_connections=200";
        var (code, output) = await Shell.RunAsync(
            "runuser", ["-u", "postgres", "--", $"{bin}/pg_ctl", "-D", $"{directory}/data", "-l", $"{directory}/server.log", "-w", "-t", "60", "-o", options, "start"], null, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl start failed: {output}");
        }
    }
}
